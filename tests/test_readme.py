"""The README's shell blocks marked `# safe to run` run, from the repository's root, as a newcomer would."""
import re
import subprocess

import pytest

from conftest import ROOT

BLOCKS = [block for block in re.findall(r"```sh\n(.*?)```", (ROOT / "README.md").read_text(encoding="utf-8"), re.S)
          if block.startswith("# safe to run\n")]


def test_the_readme_has_blocks_to_run():
    assert BLOCKS


@pytest.mark.parametrize("block", BLOCKS)
def test_a_safe_block_of_the_readme_runs(block, tmp_path):
    result = subprocess.run(["bash", "-euo", "pipefail", "-c", block], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path),
                                              "DATABASE_URL": f"sqlite:///{tmp_path}/insight.db"})
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Emergency? Call 911 now." in result.stdout  # every reply ends with the emergency line
