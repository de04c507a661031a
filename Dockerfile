# The Airflow image of the team server (docker-compose.yaml): the official image of the Airflow
# version that constraints.txt pins, with this project installed from that same lock file.
# Pinned by tag; tests/test_compose.py checks that the tag's version is the pinned one.
FROM apache/airflow:3.3.2-python3.11

USER root
RUN mkdir -p /opt/hrwh/home /opt/hrwh/landing \
    && chown -R airflow:0 /opt/hrwh \
    && chmod -R g+rwX /opt/hrwh
USER airflow

# The same constraints file as `make install`, but a regular (non-editable) install: the image
# carries a release of the package, not a checkout.
# The package carries its dbt and Great Expectations projects (hrwh/project/).
COPY --chown=airflow:0 pyproject.toml constraints.txt README.md /opt/hrwh/src/
COPY --chown=airflow:0 include /opt/hrwh/src/include
COPY --chown=airflow:0 dbt /opt/hrwh/src/dbt
COPY --chown=airflow:0 expectations /opt/hrwh/src/expectations
RUN pip install --no-cache-dir -c /opt/hrwh/src/constraints.txt /opt/hrwh/src \
    && hrwh dbt-manifest

COPY --chown=airflow:0 dags /opt/hrwh/dags
COPY --chown=airflow:0 docker /opt/hrwh/docker
