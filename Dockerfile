FROM python:3.11-slim
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1 PIP_NO_CACHE_DIR=1
WORKDIR /app
# Installed editable: the code runs from /app, beside locale/ and the templates.
COPY pyproject.toml requirements.lock README.md ./
COPY factcheck ./factcheck
COPY claims ./claims
COPY reviews ./reviews
COPY seeds ./seeds
COPY locale ./locale
COPY manage.py gunicorn.conf.py ./
RUN pip install -c requirements.lock -e . \
    && pybabel compile --domain django --directory locale \
    && pybabel compile --domain "django djangojs" --directory locale/upstream \
    && SECRET_KEY=build-only DEBUG=0 python manage.py collectstatic --noinput
RUN useradd --create-home factcheck && mkdir -p /app/var && chown factcheck /app/var
USER factcheck
EXPOSE 8000
CMD ["gunicorn", "factcheck.wsgi", "--config", "gunicorn.conf.py"]
