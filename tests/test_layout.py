"""The modules of ivr/ import one another in one direction only: no module reaches, through
any chain of imports (those inside functions too), back to itself; and docs/layout.md lists them."""
import ast
from pathlib import Path

IVR = Path(__file__).resolve().parent.parent / "ivr"


def module_name(path: Path) -> str:
    parts = path.relative_to(IVR.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_of(path: Path, modules: set[str]) -> set[str]:
    """The ivr modules a file imports, wherever in the file."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        else:
            continue
        found |= {name for name in names if name in modules}
    return found


def import_graph() -> dict[str, set[str]]:
    paths = {module_name(path): path for path in IVR.rglob("*.py")}
    graph = {name: imports_of(path, set(paths)) - {name} for name, path in paths.items()}
    # A package's __init__ (create_app) assembles the line from every part: it is the top, not a dependency.
    return {name: edges - {"ivr"} for name, edges in graph.items()}


def cycle_in(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle, as the modules along it, or None."""
    state: dict[str, str] = {}
    path: list[str] = []

    def visit(name: str) -> list[str] | None:
        state[name], _ = "open", path.append(name)
        for following in sorted(graph[name]):
            if state.get(following) == "open":
                return path[path.index(following):] + [following]
            if following not in state and (found := visit(following)):
                return found
        state[name], _ = "done", path.pop()
        return None

    for name in sorted(graph):
        if name not in state and (found := visit(name)):
            return found
    return None


def test_no_module_of_ivr_imports_itself_through_others():
    graph = import_graph()
    assert len(graph) > 30 and "ivr.line" in graph["ivr.web.sms"]  # it read the real tree
    assert cycle_in(graph) is None, " -> ".join(cycle_in(graph))


def test_the_cycle_finder_finds_a_cycle():
    assert cycle_in({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == ["a", "b", "c", "a"]
    assert cycle_in({"a": {"b"}, "b": set()}) is None


def test_the_documented_layout_lists_every_module_and_nothing_that_is_not_there():
    page = (IVR.parent / "docs" / "layout.md").read_text(encoding="utf-8")
    layout = page.split("## Layout\n", 1)[1].split("```")[1]
    listed = {line.split()[0] for line in layout.splitlines() if line.startswith("ivr/")}
    modules = {str(path.relative_to(IVR.parent)) for path in IVR.rglob("*.py")
               if path.name != "__init__.py" or path.parent == IVR}
    assert listed == modules


def test_the_core_knows_nothing_of_flask_twilio_or_the_layers_above_it():
    for path in (IVR / "core").glob("*.py"):
        imported = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                imported |= {alias.name for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.module:
                imported.add(node.module)
        above = {name for name in imported
                 if name.split(".")[0] in ("flask", "twilio", "werkzeug") or name.startswith(("ivr.web", "ivr.stores",
                                                                                              "ivr.tools"))}
        assert above == set(), path.name
