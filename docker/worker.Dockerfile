# storyvox as a RunPod serverless worker (--role runpod-worker): takes jobs from RunPod's queue and
# transcribes them with whisper.cpp in process. The whisper model is baked in at build time.
#
#   docker build -f docker/worker.Dockerfile -t <registry>/storyvox-worker:<tag> .
#   docker build -f docker/worker.Dockerfile --build-arg WHISPER_MODEL=small -t … .
#   docker build -f docker/worker.Dockerfile --build-arg GPU_MODE=cuda -t … .   (CUDA 12 runtime needed)
#
# RunPod sets RUNPOD_WEBHOOK_GET_JOB, RUNPOD_WEBHOOK_POST_OUTPUT, RUNPOD_WEBHOOK_PING, RUNPOD_POD_ID,
# RUNPOD_AI_API_KEY and RUNPOD_PING_INTERVAL in the container; nothing else is required.

# The pinned native engines (bin/engines.tsv): whisper.cpp 1.9, llama.cpp, Silero VAD. GPU_MODE=cuda adds the CUDA
# builds (the host needs an NVIDIA driver and the image the CUDA 12 runtime), vulkan the Vulkan ones.
FROM node:20-bookworm-slim AS engines
ARG GPU_MODE=cpu
WORKDIR /src
COPY bin/lib.sh bin/engines.tsv bin/
RUN bash -c '. bin/lib.sh && STORYVOX_ENGINES_DIR=/engines STORYVOX_GPU_MODE=${GPU_MODE} ensure_engines /vad'

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -q dependency:go-offline
COPY src src
COPY openapi openapi
COPY conf conf
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre-jammy
ARG WHISPER_MODEL=large-v3-turbo
RUN apt-get update && apt-get install -y --no-install-recommends curl ca-certificates \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
RUN mkdir -p models && curl -fL --retry 3 -o models/ggml-${WHISPER_MODEL}.bin \
    "https://huggingface.co/ggerganov/whisper.cpp/resolve/main/ggml-${WHISPER_MODEL}.bin"
COPY --from=build /src/target/storyvox.jar storyvox.jar
COPY conf conf
COPY --from=engines /engines engines
COPY --from=engines /vad/silero_vad_v5.onnx models/
ENV STORYVOX_ENGINES_DIR=/app/engines \
    STORYVOX_STT_MODEL=models/ggml-${WHISPER_MODEL}.bin \
    STORYVOX_STT_BACKEND=local \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
CMD ["sh", "-c", "exec java $(grep -v -e '^ *#' -e '^ *$' conf/jvm.options) -jar storyvox.jar --role runpod-worker"]
