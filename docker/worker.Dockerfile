# storyvox as a RunPod serverless worker (--role runpod-worker): takes jobs from RunPod's queue and
# transcribes them with whisper.cpp in process. The whisper model is baked in at build time.
#
#   docker build -f docker/worker.Dockerfile -t <registry>/storyvox-worker:<tag> .
#   docker build -f docker/worker.Dockerfile --build-arg WHISPER_MODEL=small -t … .
#
# RunPod sets RUNPOD_WEBHOOK_GET_JOB, RUNPOD_WEBHOOK_POST_OUTPUT, RUNPOD_WEBHOOK_PING, RUNPOD_POD_ID,
# RUNPOD_AI_API_KEY and RUNPOD_PING_INTERVAL in the container; nothing else is required.

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
ENV STORYVOX_STT_MODEL=models/ggml-${WHISPER_MODEL}.bin \
    STORYVOX_STT_BACKEND=local \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
CMD ["java", "-jar", "storyvox.jar", "--role", "runpod-worker"]
