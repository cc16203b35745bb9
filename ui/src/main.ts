import "./style.css";
import { createEditor } from "./editor";
import {
  errorMessage,
  readDockerfile,
  startProject,
  type Diagnostic,
  type ProjectView,
} from "./ipc";
import { liveLint } from "./lint";

const status = document.getElementById("status")!;

function showProject(project: ProjectView | null | { error: string }) {
  const path = document.getElementById("project-path")!;
  const failed = project !== null && "error" in project;
  path.classList.toggle("failed", failed);
  if (failed) {
    path.textContent = project.error;
  } else {
    document.getElementById("project-name")!.textContent = project?.name ?? "Drydock";
    path.textContent = project
      ? `${project.root}/${project.dockerfile}`
      : "no project folder: start the app with one to open its Dockerfile";
  }
}

function showLint(result: Diagnostic[] | Error) {
  status.classList.toggle("failed", result instanceof Error);
  if (result instanceof Error) {
    status.textContent = `lint failed: ${result.message}`;
  } else {
    status.textContent = result.length === 1 ? "1 problem" : `${result.length} problems`;
  }
}

async function start() {
  let source = "";
  let path = "Dockerfile";
  try {
    const project = await startProject();
    showProject(project);
    if (project) {
      path = project.dockerfile;
      source = (await readDockerfile(path)).text;
    }
  } catch (error) {
    showProject({ error: errorMessage(error) });
  }
  createEditor(document.getElementById("editor")!, source, liveLint(path, showLint));
}

start();
