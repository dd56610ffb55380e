using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;
using Conformance.Harness.Results;

namespace Conformance.Runner;

/// <summary>The baseline a run is compared with: the profile's, or with <c>--update-baseline</c> the one
/// this run's results make, written over the profile's file (its header comments kept).</summary>
public sealed class BaselineStage(RepositoryLayout layout, RunSetup setup, TextWriter output)
{
    public async Task<Baseline?> ResolveAsync(IReadOnlyList<CheckResult> results, CancellationToken ct)
    {
        if (setup.Profile.Baseline is not { } file) return null;
        var relative = ProfilePaths.Display(file, layout.Root);
        var previous = Baseline.Load(file);
        if (!setup.UpdateBaseline) return previous;

        var updated = Baseline.FromRun(setup.Profile.Name, results, previous);
        var header = string.Concat(File.ReadLines(file).TakeWhile(l => l.StartsWith('#')).Select(l => l + "\n"));
        await File.WriteAllTextAsync(file, updated.ToYaml(header), ct);
        output.WriteLine($"Baseline {relative} rewritten: {updated.Entries.Count} entries ({updated.Entries.Count(e => e.Reason.StartsWith("TODO", StringComparison.Ordinal))} need a reason).");
        return updated;
    }
}
