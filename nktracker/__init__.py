"""NK Deployment Tracker: a sourced record of North Korea's troop deployment to Russia."""

from nktracker.load import load_dataset

__all__ = ["load_dataset"]
