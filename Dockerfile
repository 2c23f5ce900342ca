# syntax=docker/dockerfile:1

# Build a static binary.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
ARG VERSION=dev
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/rebound ./cmd/rebound

# Run it on distroless: no shell, no package manager, a non-root user.
# The container needs DATABASE_URL (see docker-compose.yml); it does not
# run its own PostgreSQL.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/rebound /usr/local/bin/rebound
ENV REBOUND_ADDR=0.0.0.0:8080 \
    REBOUND_LOG_FORMAT=json
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=30s --timeout=5s --start-period=30s --retries=3 \
    CMD ["/usr/local/bin/rebound", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/rebound"]
CMD ["serve"]
