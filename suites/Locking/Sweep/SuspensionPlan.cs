using Conformance.Harness.Layout;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>fixtures/sweep/suspension.yaml: what the suspension sweep does differently from the lock sweep
/// (request overrides, the operations sent last) and the state its read-back compares.</summary>
public sealed class SuspensionPlan
{
    public Dictionary<string, SweepPlan.OperationOverride> Operations { get; set; } = [];
    public List<string> Last { get; set; } = [];
    public List<SideEffectProbes.Probe> Probes { get; set; } = [];

    public SideEffectProbes.Probe ProbeById(string id) =>
        Probes.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"suspension.yaml has no probe '{id}'.");

    /// <summary>The lock sweep's plan with this file's overrides laid over it.</summary>
    public SweepPlan Over(SweepPlan basePlan) => new()
    {
        PathValues = basePlan.PathValues,
        QueryValues = basePlan.QueryValues,
        Samples = basePlan.Samples,
        Operations = basePlan.Operations.Concat(Operations).GroupBy(kv => kv.Key).ToDictionary(g => g.Key, g => g.Last().Value),
    };

    public static SuspensionPlan Load(string file) => YamlJson.Bind<SuspensionPlan>(file);
}
