FROM debian:12-slim
RUN apt-get update && \
    # tools needed at build time only
    apt-get install -y --no-install-recommends \
        make=4.3-4.1 \
        # compiler
        gcc=4:12.2.0-3 \
    && rm -rf /var/lib/apt/lists/*

RUN echo one \
    echo still one

ENV A=1 \
    B=2 \
    C="three four"
