"""storylens: raw news articles in, stories with cross-source briefs out."""

from storylens.model import Article, Brief, Document, Story
from storylens.settings import Settings

__all__ = ["Article", "Brief", "Document", "Settings", "Story"]
__version__ = "0.1.0"
