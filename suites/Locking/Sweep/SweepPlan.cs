using System.Text.Json.Nodes;
using Conformance.Harness.Layout;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>fixtures/sweep/requests.yaml: where each request's values come from.</summary>
public sealed class SweepPlan
{
    public Dictionary<string, string> PathValues { get; set; } = [];
    public Dictionary<string, string> QueryValues { get; set; } = [];
    public Dictionary<string, OperationOverride> Operations { get; set; } = [];
    public Dictionary<string, List<string>> Samples { get; set; } = [];

    public sealed class OperationOverride
    {
        public Dictionary<string, string>? Path { get; set; }
        public Dictionary<string, string>? Query { get; set; }
        public JsonNode? Body { get; set; }
    }

    public IReadOnlyList<string> Sample(string name) =>
        Samples.TryGetValue(name, out var list) ? list : throw new KeyNotFoundException($"requests.yaml has no sample '{name}'.");

    public static SweepPlan Load(string file) => YamlJson.Bind<SweepPlan>(file);
}
