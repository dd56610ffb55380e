using System.Diagnostics;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Conformance.Harness.Layout;

namespace Conformance.Tests.Support;

/// <summary>
/// Runs a composite action's shell steps here, the way a GitHub runner would: each step's <c>env</c> with its
/// <c>${{ … }}</c> expressions filled from the inputs (defaults included) and earlier steps' outputs, the
/// runner's files (GITHUB_OUTPUT, GITHUB_ENV, GITHUB_STEP_SUMMARY) and GITHUB_ACTION_PATH. Steps that use
/// another action (setup-dotnet, upload-artifact) are recorded, not run. The <c>if</c> conditions the
/// actions use are evaluated: always(), success(), and == / != comparisons joined by &amp;&amp;.
/// </summary>
public sealed partial class ActionSteps
{
    /// <summary>A step as it went: whether its condition selected it, and for a shell step its exit code and output.</summary>
    public sealed record Step(string Name, string? Uses, bool Selected, int ExitCode, string Output, JsonObject? With);

    private readonly JsonObject _action;
    private readonly Dictionary<string, string> _inputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, string>> _outputs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _env = new(StringComparer.Ordinal);

    public string ActionPath { get; }
    public string Workspace { get; }
    public string Temp { get; }
    public string Summary => Path.Combine(Temp, "step-summary.md");
    public List<Step> Steps { get; } = [];

    public ActionSteps(string actionFile, string actionPath, string workspace, IReadOnlyDictionary<string, string> inputs, IReadOnlyDictionary<string, string>? env = null)
    {
        _action = (JsonObject)YamlJson.Load(actionFile)!;
        ActionPath = actionPath;
        Workspace = workspace;
        Temp = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "conformance-tests", "runner-" + Guid.NewGuid().ToString("N")[..8])).FullName;
        foreach (var (name, spec) in _action["inputs"]!.AsObject()) _inputs[name] = spec!["default"]?.ToString() ?? "";
        foreach (var (name, value) in inputs)
            _inputs[name] = _inputs.ContainsKey(name) ? value : throw new ArgumentException($"{actionFile} has no input '{name}'.");
        foreach (var (name, value) in env ?? new Dictionary<string, string>()) _env[name] = value;
    }

    public string Output(string step, string name) => _outputs.GetValueOrDefault(step)?.GetValueOrDefault(name) ?? "";

    public async Task<ActionSteps> RunAsync(CancellationToken ct)
    {
        var failed = false;
        foreach (var node in _action["runs"]!["steps"]!.AsArray())
        {
            var step = node!.AsObject();
            var name = step["name"]?.ToString() ?? step["uses"]?.ToString() ?? "step";
            var condition = step["if"]?.ToString() ?? "success()";
            if (!Condition(condition, failed)) { Steps.Add(new Step(name, step["uses"]?.ToString(), false, 0, "", null)); continue; }
            if (step["uses"] is { } uses)
            {
                var with = new JsonObject();
                foreach (var (k, v) in step["with"]?.AsObject() ?? []) with[k] = Expand(v!.ToString());
                Steps.Add(new Step(name, uses.ToString(), true, 0, "", with));
                continue;
            }
            var (code, output) = await ShellAsync(step, ct);
            Steps.Add(new Step(name, null, true, code, output, null));
            failed |= code != 0;
        }
        return this;
    }

    private async Task<(int, string)> ShellAsync(JsonObject step, CancellationToken ct)
    {
        var outputFile = Path.Combine(Temp, "output-" + Guid.NewGuid().ToString("N")[..8]);
        var envFile = Path.Combine(Temp, "env-" + Guid.NewGuid().ToString("N")[..8]);
        File.WriteAllText(outputFile, "");
        File.WriteAllText(envFile, "");
        var info = new ProcessStartInfo("bash", ["--noprofile", "--norc", "-eo", "pipefail", "-c", step["run"]!.ToString()])
        {
            WorkingDirectory = Workspace, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var (k, v) in _env) info.Environment[k] = v;
        info.Environment["GITHUB_ACTION_PATH"] = ActionPath;
        info.Environment["GITHUB_WORKSPACE"] = Workspace;
        info.Environment["RUNNER_TEMP"] = Temp;
        info.Environment["GITHUB_OUTPUT"] = outputFile;
        info.Environment["GITHUB_ENV"] = envFile;
        info.Environment["GITHUB_STEP_SUMMARY"] = Summary;
        foreach (var (k, v) in step["env"]?.AsObject() ?? []) info.Environment[k] = Expand(v!.ToString());
        using var process = Process.Start(info)!;
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (step["id"]?.ToString() is { } id) _outputs[id] = KeyValues(outputFile);
        foreach (var (k, v) in KeyValues(envFile)) _env[k] = v;
        return (process.ExitCode, await stdout + await stderr);
    }

    private static Dictionary<string, string> KeyValues(string file) =>
        File.ReadAllLines(file).Where(l => l.Contains('=')).Select(l => l.Split('=', 2)).GroupBy(p => p[0]).ToDictionary(g => g.Key, g => g.Last()[1]);

    [GeneratedRegex(@"\$\{\{\s*(?<expr>[^}]+?)\s*\}\}")]
    private static partial Regex Expression();

    private string Expand(string text) => Expression().Replace(text, m => Value(m.Groups["expr"].Value));

    private string Value(string reference)
    {
        var parts = reference.Split('.');
        return parts switch
        {
            ["inputs", var name] => _inputs[name],
            ["steps", var id, "outputs", var name] => Output(id, name),
            ["runner", "temp"] => Temp,
            ["github", "workspace"] => Workspace,
            ["github", "action_path"] => ActionPath,
            _ => throw new NotSupportedException($"The test's expression evaluator does not know '{reference}'."),
        };
    }

    private bool Condition(string condition, bool failed) => condition.Split("&&").Select(t => t.Trim()).All(term => term switch
    {
        "always()" => true,
        "success()" => !failed,
        "failure()" => failed,
        _ when term.Split(" == ") is [var l, var r] => Value(l.Trim()) == Literal(r),
        _ when term.Split(" != ") is [var l, var r] => Value(l.Trim()) != Literal(r),
        _ => throw new NotSupportedException($"The test's condition evaluator does not know '{term}'."),
    }) && (condition.Contains("always()", StringComparison.Ordinal) || !failed);

    private static string Literal(string s) => s.Trim() is ['\'', .. var inner, '\''] ? inner : throw new NotSupportedException($"Not a string literal: {s}");
}
