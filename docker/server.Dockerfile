# The storyvox API server (--role all). Mount models into /app/models, or send speech-to-text to RunPod
# with STORYVOX_STT_BACKEND=runpod, RUNPOD_API_KEY and RUNPOD_ENDPOINT_ID.
#
#   docker build -f docker/server.Dockerfile -t storyvox .
#   docker run -p 8000:8000 -e STORYVOX_STT_BACKEND=runpod -e RUNPOD_API_KEY=… -e RUNPOD_ENDPOINT_ID=… storyvox

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
RUN mkdir -p models outputs
ENV JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75"
EXPOSE 8000
CMD ["java", "-jar", "storyvox.jar"]
