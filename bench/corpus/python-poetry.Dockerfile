FROM python:3.12-slim AS base
ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1

FROM base AS builder
RUN apt-get update \
 && apt-get install -y --no-install-recommends build-essential=12.9 libpq-dev=15.5-0+deb12u1 \
 && rm -rf /var/lib/apt/lists/*
RUN pip install --no-cache-dir poetry==1.8.2
WORKDIR /src
COPY pyproject.toml poetry.lock ./
RUN poetry export -f requirements.txt -o requirements.txt \
 && pip wheel --no-cache-dir --wheel-dir /wheels -r requirements.txt

FROM base
RUN groupadd -r app && useradd -r -g app app
COPY --from=builder /wheels /wheels
RUN pip install --no-cache-dir /wheels/* && rm -rf /wheels
WORKDIR /srv
COPY --chown=app:app . .
USER app
EXPOSE 8000
HEALTHCHECK --interval=30s --timeout=3s CMD python -c "import urllib.request; urllib.request.urlopen('http://localhost:8000/health')"
CMD ["gunicorn", "app.wsgi:application", "--bind", "0.0.0.0:8000"]
