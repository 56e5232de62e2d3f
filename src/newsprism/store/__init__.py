"""The store: tables, sessions and migrations."""

from newsprism.store.db import Store
from newsprism.store.schema import Article, Base, Brief, Feed, Job, Outlet, OutletDomain, Story

__all__ = ["Article", "Base", "Brief", "Feed", "Job", "Outlet", "OutletDomain", "Store", "Story"]
