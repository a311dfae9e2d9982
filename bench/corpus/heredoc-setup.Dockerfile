# syntax=docker/dockerfile:1
FROM debian:12-slim
RUN <<EOF
set -eux
apt-get update
apt-get install -y --no-install-recommends curl ca-certificates
rm -rf /var/lib/apt/lists/*
EOF
COPY <<EOF /etc/app/config.toml
[server]
port = 8080
host = "0.0.0.0"
EOF
RUN <<-SCRIPT bash
	echo "tabs are stripped"
	test -f /etc/app/config.toml
	SCRIPT
RUN python3 <<PY
print("a heredoc fed to python")
PY
CMD ["curl", "--version"]
