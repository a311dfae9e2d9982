# syntax=docker/dockerfile:1
FROM alpine:3.19
ADD --checksum=sha256:24454f830cdb571e2c4ad15481119c43b3cafd48dd869a9b2945d1036d1dc68d https://example.invalid/tool.tar.gz /tmp/
ADD --keep-git-dir=true https://example.invalid/repo.git#v1.0.0 /src
ADD https://example.invalid/file.txt /etc/file.txt
COPY --parents --exclude=*.test.js src/**/*.js /app/
