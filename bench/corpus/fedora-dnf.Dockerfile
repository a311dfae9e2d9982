FROM fedora:40
RUN dnf install -y gcc-14.0.1 make && dnf clean all
RUN microdnf install -y jq
WORKDIR /build
COPY Makefile .
RUN make all
