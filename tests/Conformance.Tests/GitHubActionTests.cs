extern alias JsonSchemaNet;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Results;
using Conformance.Tests.Support;
using JsonSchemaNet::Json.Schema;
using Xunit;

namespace Conformance.Tests;

/// <summary>
/// The GitHub Action (action.yml), the comparison-page action (matrix/action.yml) and the example
/// workflow: valid against the project's own schemas of GitHub's action and workflow files
/// (fixtures/schemas/github-action.schema.json and github-workflow.schema.json), and their shell
/// steps run here as a runner would run them, once with a stand-in for run.sh that records its arguments
/// and once with the real runner against the reference server.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed partial class GitHubActionTests
{
    private static readonly Dictionary<string, JsonSchema> Schemas = new(StringComparer.Ordinal);

    private static IReadOnlyList<string> SchemaErrors(string schemaName, JsonNode? instance)
    {
        JsonSchema schema;
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(schemaName, out schema!))
                Schemas[schemaName] = schema = JsonSchema.FromText(File.ReadAllText(Repo.File($"fixtures/schemas/{schemaName}")));
        }
        var results = schema.Evaluate(JsonSerializer.SerializeToElement(instance), new EvaluationOptions { OutputFormat = OutputFormat.List });
        return results.IsValid ? []
            : (results.Details ?? []).Where(d => d.Errors is { Count: > 0 }).SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}")).DefaultIfEmpty("invalid").ToList();
    }

    [Theory]
    [InlineData("action.yml", "github-action.schema.json")]
    [InlineData("matrix/action.yml", "github-action.schema.json")]
    [InlineData("docs/examples/homeserver-ci.yml", "github-workflow.schema.json")]
    public void Validates_against_its_schema(string file, string schema)
    {
        var errors = SchemaErrors(schema, YamlJson.Load(Repo.File(file)));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public void The_schemas_do_reject_a_broken_action_and_a_broken_workflow()
    {
        var action = YamlJson.Load(Repo.File("action.yml"))!.AsObject();
        action["runs"]!["steps"]![1]!.AsObject().Remove("shell");
        Assert.NotEmpty(SchemaErrors("github-action.schema.json", action));
        var workflow = YamlJson.Load(Repo.File("docs/examples/homeserver-ci.yml"))!.AsObject();
        workflow["jobs"]!["conformance"]!["steps"]![0]!["uses"] = JsonValue.Create(3);
        workflow["jobs"]!["comparison"]!.AsObject().Remove("runs-on");
        Assert.NotEmpty(SchemaErrors("github-workflow.schema.json", workflow));

        // A misspelt key, wherever it is, a value of the wrong kind, a step that both uses and runs: each fails.
        foreach (var mistake in new Action<JsonObject>[]
        {
            a => a["descripton"] = "x",
            a => a["inputs"]!["profile"]!["requried"] = false,
            a => a["runs"]!["steps"]![1]!["wiht"] = new JsonObject(),
            a => a["runs"]!["steps"]![0]!["run"] = "true",
            a => a["runs"]!["using"] = "node12",
        })
        {
            var broken = YamlJson.Load(Repo.File("action.yml"))!.AsObject();
            mistake(broken);
            Assert.NotEmpty(SchemaErrors("github-action.schema.json", broken));
        }
        foreach (var mistake in new Action<JsonObject>[]
        {
            w => w["job"] = new JsonObject(),
            w => w["on"]!["pull-request"] = null,
            w => w["on"]!["push"]!["branch"] = "main",
            w => w["jobs"]!["conformance"]!["runs_on"] = "ubuntu-24.04",
            w => w["jobs"]!["conformance"]!["strategy"]!["fail-fast"] = "no",
            w => w["jobs"]!["conformance"]!["steps"]![1]!["with"] = new JsonObject { ["x"] = new JsonObject() },
            w => w["jobs"]!["comparison"]!["steps"]![0]!["run"] = "true",
            w => w["jobs"]!["1st"] = w["jobs"]!["comparison"]!.DeepClone(),
        })
        {
            var broken = YamlJson.Load(Repo.File("docs/examples/homeserver-ci.yml"))!.AsObject();
            mistake(broken);
            Assert.NotEmpty(SchemaErrors("github-workflow.schema.json", broken));
        }
    }

    [Fact]
    public void The_action_takes_the_documented_inputs_and_every_script_it_runs_is_there()
    {
        var action = YamlJson.Load(Repo.File("action.yml"))!.AsObject();
        var inputs = action["inputs"]!.AsObject().Select(i => i.Key).ToList();
        Assert.Superset(new HashSet<string> { "profile", "complement-image", "baseline", "only", "upload-report", "publish-badge" }, inputs.ToHashSet());
        var docs = File.ReadAllText(Repo.File("docs/ci.md"));
        Assert.All(inputs, i => Assert.Contains($"`{i}`", docs));
        foreach (var file in new[] { "action.yml", "matrix/action.yml" })
        {
            var dir = Path.GetDirectoryName(Repo.File(file))!;
            foreach (var step in YamlJson.Load(Repo.File(file))!["runs"]!["steps"]!.AsArray().Where(s => s!["run"] is not null))
            {
                var script = Regex.Match(step!["run"]!.ToString(), "^\"\\$GITHUB_ACTION_PATH/(?<path>[^\"]+)\"$");
                Assert.True(script.Success, $"{file}: a step runs something other than one script: {step["run"]}");
                var path = Path.GetFullPath(Path.Combine(dir, script.Groups["path"].Value));
                Assert.True(File.Exists(path), $"{file}: {path} is missing");
                Assert.True((File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0, $"{path} is not executable");
            }
        }
    }

    [Fact]
    public void The_README_shows_the_action_in_a_homeservers_CI()
    {
        var readme = File.ReadAllText(Repo.File("README.md"));
        var section = Regex.Match(readme, @"\n## In a homeserver's CI[^\n]*\n(?<body>.*?)(?=\n## |\z)", RegexOptions.Singleline).Groups["body"].Value;
        var yaml = Regex.Match(section, "```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline).Groups["yaml"].Value;
        Assert.Contains("uses: <owner>/matrix-account-conformance@v1", yaml);
        var file = TempProfile.Write(yaml);
        var errors = SchemaErrors("github-workflow.schema.json", YamlJson.Load(file));
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        Assert.Contains("docs/ci.md", section);
        Assert.Contains("docs/matrix-page.png", readme);
    }

    /// <summary>Every workflow shown in the README and docs/ is one GitHub would accept.</summary>
    [Fact]
    public void Every_workflow_in_the_docs_validates()
    {
        var pages = new[] { Repo.File("README.md") }.Concat(Directory.GetFiles(Repo.File("docs"), "*.md"));
        var workflows = 0;
        foreach (var page in pages)
            foreach (Match block in Regex.Matches(File.ReadAllText(page), "```yaml\n(?<yaml>.*?)```", RegexOptions.Singleline))
            {
                if (YamlJson.Load(TempProfile.Write(block.Groups["yaml"].Value)) is not JsonObject root || !root.ContainsKey("jobs")) continue;
                workflows++;
                var errors = SchemaErrors("github-workflow.schema.json", root);
                Assert.True(errors.Count == 0, $"{Path.GetFileName(page)}: {string.Join("\n", errors)}");
            }
        Assert.True(workflows >= 3, $"only {workflows} workflows found in the docs");
    }

    /// <summary>A folder laid out like the action's checkout, with the real scripts and the given run.sh.</summary>
    private static string ActionFolder(string runSh)
    {
        var dir = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "conformance-tests", "action-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        Directory.CreateSymbolicLink(Path.Combine(dir, "scripts"), Repo.File("scripts"));
        Directory.CreateDirectory(Path.Combine(dir, "matrix"));
        File.WriteAllText(Path.Combine(dir, "run.sh"), runSh);
        File.SetUnixFileMode(Path.Combine(dir, "run.sh"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return dir;
    }

    private static string RealRunner => $"#!/usr/bin/env bash\nexec dotnet \"{Repo.RunnerDll}\" \"$@\"\n";

    private static string Chromium => BrowserAvailability.Present ? Harness.Browser.BrowserHost.Locate(null) : "/bin/true";

    private static string Git(string dir, params string[] args)
    {
        var info = new System.Diagnostics.ProcessStartInfo("git", args) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
        using var p = System.Diagnostics.Process.Start(info)!;
        var output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
        p.WaitForExit();
        return p.ExitCode == 0 ? output : throw new InvalidOperationException($"git {string.Join(' ', args)}: {output}");
    }

    [Fact]
    public async Task The_inputs_become_run_sh_arguments_and_the_job_gets_the_summary_the_artifact_and_the_exit_code()
    {
        var record = Path.Combine(Path.GetTempPath(), "conformance-tests", Guid.NewGuid().ToString("N")[..8] + ".args");
        var action = ActionFolder("""
            #!/usr/bin/env bash
            printf '%s\n' "$@" > "$RECORD"
            out=""; prev=""; for a in "$@"; do [ "$prev" = --out ] && out="$a"; prev="$a"; done
            mkdir -p "$out"
            echo "## the run's summary" > "$out/summary.md"
            printf '{\n  "schemaVersion": 1,\n  "label": "matrix conformance: x",\n  "message": "MUST 1/2 · SHOULD 0/0",\n  "color": "e05d44"\n}\n' > "$out/badge.json"
            exit 3
            """);
        var steps = await new ActionSteps(Repo.File("action.yml"), action, Repo.Layout.Root, new Dictionary<string, string>
        {
            ["profile"] = "conformance/profile.yaml",
            ["complement-image"] = "my-server:complement",
            ["baseline"] = "conformance/baseline.yaml",
            ["only"] = "locking,admin-lock-api",
            ["args"] = "--no-strict --timeout 20m",
            ["artifact-name"] = "conformance-x",
            ["chromium"] = Chromium,
        }, new Dictionary<string, string> { ["RECORD"] = record }).RunAsync(TestContext.Current.CancellationToken);

        var reportDir = Path.Combine(steps.Temp, "conformance-report");
        Assert.Equal(["--profile", "conformance/profile.yaml", "--complement-image", "my-server:complement", "--baseline", "conformance/baseline.yaml",
                      "--only", "locking,admin-lock-api", "--no-strict", "--timeout", "20m", "--out", reportDir], File.ReadAllLines(record));
        Assert.Equal(("3", reportDir, "MUST 1/2 · SHOULD 0/0"), (steps.Output("run", "exit-code"), steps.Output("run", "report-dir"), steps.Output("run", "badge")));
        Assert.Equal("## the run's summary\n", File.ReadAllText(steps.Summary));
        var byName = steps.Steps.ToDictionary(s => s.Name);
        Assert.True(byName["actions/setup-dotnet@v4"].Selected);
        var upload = byName["Upload the reports"];
        Assert.True(upload.Selected);
        Assert.Equal(("conformance-x", reportDir), (upload.With!["name"]!.ToString(), upload.With["path"]!.ToString()));
        Assert.False(byName["Publish the badge"].Selected);
        var last = steps.Steps[^1];
        Assert.Equal(("Fail the job per the exit code", 3), (last.Name, last.ExitCode));
        Assert.Contains("::error::Exit code 3: the profile cannot be used.", last.Output);
        Assert.All(steps.Steps.Where(s => s.Selected && s.Uses is null).SkipLast(1), s => Assert.True(s.ExitCode == 0, $"{s.Name}: {s.Output}"));
    }

    [Fact]
    public async Task Without_a_profile_or_an_image_the_action_says_so_and_fails_with_exit_code_2()
    {
        var action = ActionFolder("#!/usr/bin/env bash\necho should not run; exit 0\n");
        var steps = await new ActionSteps(Repo.File("action.yml"), action, Repo.Layout.Root, new Dictionary<string, string> { ["chromium"] = Chromium })
            .RunAsync(TestContext.Current.CancellationToken);
        var run = steps.Steps.Single(s => s.Name == "Run the conformance suite");
        Assert.Contains("::error::Set the input 'profile'", run.Output);
        Assert.DoesNotContain("should not run", run.Output);
        Assert.False(steps.Steps.Single(s => s.Name == "Upload the reports").Selected);
        Assert.Contains("no summary, the run ended before writing its reports (exit code 2", File.ReadAllText(steps.Summary));
        Assert.Equal(2, steps.Steps[^1].ExitCode);
    }

    [Fact]
    public async Task The_action_runs_the_suite_for_real_and_publishes_the_badge_to_a_branch()
    {
        var root = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "conformance-tests", "ci-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        var origin = Path.Combine(root, "origin.git");
        var workspace = Path.Combine(root, "homeserver");
        Git(root, "init", "-q", "--bare", origin);
        Git(root, "init", "-q", "-b", "main", workspace);
        File.WriteAllText(Path.Combine(workspace, "README.md"), "a homeserver\n");
        Git(workspace, "add", ".");
        Git(workspace, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "init");
        Git(workspace, "remote", "add", "origin", origin);
        Git(workspace, "push", "-q", "origin", "main");
        var action = ActionFolder(RealRunner);

        async Task<ActionSteps> Run(string compareWith, params string[] args) => await new ActionSteps(Repo.File("action.yml"), action, workspace, new Dictionary<string, string>
        {
            ["profile"] = Repo.File("fixtures/profiles/reference.yaml"),
            ["compare-with"] = compareWith,
            ["only"] = "MD-009",
            ["args"] = string.Join(' ', ["--no-html", .. args]),
            ["publish-badge"] = "true",
            ["badge-branch"] = "badges",
            ["badge-name"] = "reference",
            ["chromium"] = Chromium,
        }).RunAsync(TestContext.Current.CancellationToken);

        var broken = await Run("", "--reference-defect", "metadata-no-s256");
        Assert.True(broken.Output("run", "exit-code") == "1", string.Join("\n", broken.Steps.Select(s => $"{s.Name}: {s.ExitCode} {s.Output}")));
        Assert.StartsWith("## Matrix account conformance: reference: 1 MUST failure(s)", File.ReadAllText(broken.Summary));
        Assert.Equal(Verdict.Fail, RunResults.Load(broken.Output("run", "results")).Results.Single().Verdict);
        Assert.Equal((1, true), (broken.Steps[^1].ExitCode, broken.Steps[^1].Output.Contains("Exit code 1: a MUST failed", StringComparison.Ordinal)));
        Assert.All(broken.Steps.Where(s => s.Selected && s.Uses is null).SkipLast(1), s => Assert.True(s.ExitCode == 0, $"{s.Name}: {s.Output}"));
        var publish = broken.Steps.Single(s => s.Name == "Publish the badge");
        Assert.True(publish.ExitCode == 0, publish.Output);
        Assert.Contains("\"message\": \"MUST 0/1 · SHOULD n/a\"", Git(origin, "show", "badges:reference.json"));

        var fixedRun = await Run(broken.Output("run", "results"));
        Assert.Equal("0", fixedRun.Output("run", "exit-code"));
        Assert.Equal("false", fixedRun.Output("run", "regressed"));
        Assert.Contains("#### Newly passing (1)", File.ReadAllText(fixedRun.Output("run", "diff")));
        Assert.Contains("### Matrix account conformance: no regression (1 newly passing)", File.ReadAllText(fixedRun.Summary));
        Assert.Equal(0, fixedRun.Steps[^1].ExitCode);
        Assert.Contains("\"message\": \"MUST 1/1 · SHOULD n/a\"", Git(origin, "show", "badges:reference.json"));
        Assert.Equal(2, Git(origin, "log", "--oneline", "badges").Trim().Split('\n').Length);
        Assert.DoesNotContain("reference.json", Git(origin, "ls-tree", "--name-only", "main"));
    }

    [Fact]
    public async Task The_matrix_action_builds_the_page_beside_the_downloaded_runs()
    {
        var workspace = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "conformance-tests", "ws-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        foreach (var name in new[] { "this-commit", "last-release" })
            SampleRuns.Write(SampleRuns.Run(name, [SampleRuns.Result("LK-001", "sync", name == "this-commit" ? Verdict.Fail : Verdict.Pass)]), Path.Combine(workspace, "runs", $"conformance-{name}"));
        var action = ActionFolder(RealRunner);
        var steps = await new ActionSteps(Repo.File("matrix/action.yml"), Path.Combine(action, "matrix"), workspace, new Dictionary<string, string> { ["title"] = "two versions" })
            .RunAsync(TestContext.Current.CancellationToken);
        var build = steps.Steps.Single(s => s.Name == "Build the comparison page");
        Assert.True(build.ExitCode == 0, build.Output);
        Assert.Equal("runs/index.html", steps.Output("matrix", "page"));
        var html = File.ReadAllText(Path.Combine(workspace, "runs", "index.html"));
        Assert.Contains("<title>two versions</title>", html);
        Assert.Contains("href=\"conformance-last-release/results.json\"", html);
        var upload = steps.Steps.Single(s => s.Uses == "actions/upload-artifact@v4");
        Assert.Equal(("conformance-matrix", "runs"), (upload.With!["name"]!.ToString(), upload.With["path"]!.ToString()));
    }
}
