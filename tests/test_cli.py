"""The command line, used as an analyst would."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from fogline.cli import app

runner = CliRunner()

REPORT = (
    "Army retakes Sake\n\nGovernment troops retook the town of Sake in North Kivu on Saturday, "
    "a military spokesman said, days after rebels had seized it.\n"
)


def write(tmp_path, name, text):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_cli_analyze_prints_the_contract(tmp_path):
    path = write(tmp_path, "sake.txt", REPORT)
    result = runner.invoke(app, ["analyze", str(path), "--published", "2024-02-12"])
    assert result.exit_code == 0, result.output
    record = json.loads(result.stdout.splitlines()[0])
    assert {
        "document",
        "paragraphs",
        "actors",
        "quotes",
        "claims",
        "events",
        "places",
        "times",
    } <= set(record)
    assert record["document"]["published"] == "2024-02-12"
    assert record["document"]["id"] == "sake"


def test_cli_analyze_reports_a_bad_document_and_goes_on(tmp_path):
    good = write(tmp_path, "sake.txt", REPORT)
    empty = write(tmp_path, "empty.txt", "   \n")
    result = runner.invoke(app, ["analyze", str(empty), str(good)])
    assert result.exit_code == 3  # some documents failed, the rest were analysed
    assert "empty.txt" in result.stderr and "empty" in result.stderr
    assert len(result.stdout.strip().splitlines()) == 1


def test_cli_analyze_fails_when_nothing_could_be_read(tmp_path):
    empty = write(tmp_path, "empty.txt", "")
    result = runner.invoke(app, ["analyze", str(empty)])
    assert result.exit_code == 1


def test_cli_ingest_is_resumable(tmp_path):
    path = write(tmp_path, "sake.txt", REPORT)
    db = tmp_path / "f.sqlite"
    first = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert first.exit_code == 0, first.output
    assert "1 new" in first.stdout
    second = runner.invoke(app, ["ingest", str(path), "--db", str(db)])
    assert second.exit_code == 0
    assert "0 new" in second.stdout and "1 already stored" in second.stdout
    stats = runner.invoke(app, ["stats", "--db", str(db)])
    assert "documents" in stats.stdout


def _commands(group, prefix=()):
    import typer.main

    click_group = typer.main.get_command(group)
    for name, command in click_group.commands.items():
        if hasattr(command, "commands"):
            for sub in command.commands:
                yield (*prefix, name, sub)
        else:
            yield (*prefix, name)


def test_cli_every_command_has_help_and_is_in_the_readme():
    from pathlib import Path

    readme = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
    commands = list(_commands(app))
    assert len(commands) >= 15
    for command in commands:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0, command
        assert "Usage" in result.stdout
        if command != ("version",):
            assert f"fogline {' '.join(command)}" in readme, f"README lacks `fogline {command}`"
