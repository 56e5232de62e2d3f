"""Distributed mode: locks, scheduling, task execution and health for Celery workers."""
