# The storyvox API server (--role all). Mount models into /app/models, or send speech-to-text to RunPod
# with STORYVOX_STT_BACKEND=runpod, RUNPOD_API_KEY and RUNPOD_ENDPOINT_ID.
#
#   docker build -f docker/server.Dockerfile -t storyvox .
#   docker build -f docker/server.Dockerfile --build-arg GPU_MODE=cuda -t storyvox:cuda .   (CUDA 12 runtime needed)
#   docker run -p 8000:8000 -e STORYVOX_STT_BACKEND=runpod -e RUNPOD_API_KEY=… -e RUNPOD_ENDPOINT_ID=… storyvox

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
RUN apt-get update && apt-get install -y --no-install-recommends espeak-ng \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY --from=build /src/target/storyvox.jar storyvox.jar
COPY conf conf
COPY --from=engines /engines engines
COPY --from=engines /vad models
RUN mkdir -p models outputs
ENV STORYVOX_ENGINES_DIR=/app/engines \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8000
CMD ["sh", "-c", "exec java $(grep -v -e '^ *#' -e '^ *$' conf/jvm.options) -jar storyvox.jar"]
