"""The storybook seed's design as a benchmark peer: FastAPI + uvicorn, runs kept in a dict.

Status reads (GET /api/runs/{run_id}) answer the run's JSON from the dict, as the seed did. The bench
(ProductBenchmark, "status reads") starts it with RUN_JSON naming a file that holds one run as storyvox
shows it, so both servers answer the same document:

    RUN_JSON=run.json python3 -m uvicorn fastapi_runs:app --app-dir bench --port 8000 --no-access-log

Needs Debian's python3-fastapi and python3-uvicorn (bin/bench installs them when run as root).
"""
import json
import os
import secrets
import time

from fastapi import FastAPI, HTTPException
from pydantic import BaseModel

app = FastAPI(title="storybook seed design")
runs: dict = {}


class RunInputs(BaseModel):
    era_ko: str
    place_ko: str
    characters_ko: str
    topic_ko: str
    tts_enabled: bool = True


def _load_sample() -> None:
    path = os.environ.get("RUN_JSON")
    if path:
        with open(path, encoding="utf-8") as f:
            run = json.load(f)
        runs[run["run_id"]] = run


_load_sample()


@app.post("/api/runs", status_code=201)
def create_run(inputs: RunInputs) -> dict:
    run_id = time.strftime("%Y%m%d_%H%M%S_") + secrets.token_hex(3)
    runs[run_id] = {"run_id": run_id, "status": "PENDING", "stage": "STORY", "inputs": inputs.dict(),
                    "title": None, "pages": [], "ready_max_page": -1, "ready_max_audio_page": -1}
    return {"run_id": run_id}


@app.get("/api/runs/{run_id}")
def get_run(run_id: str) -> dict:
    run = runs.get(run_id)
    if run is None:
        raise HTTPException(status_code=404, detail="run not found")
    return run


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}
