using Conformance.Harness.Catalogue;
using Conformance.Harness.Layout;
using Conformance.Suites.Common;
using Conformance.Suites.Locking.Sweep;

namespace Conformance.Suites.Locking.Checks;

/// <summary>One row per operation of a named sample in fixtures/sweep/requests.yaml.</summary>
public sealed class SampleCasesAttribute(string sample) : ListCasesAttribute
{
    protected override IEnumerable<(string Id, string Display)> Cases(RepositoryLayout layout)
    {
        var catalogue = EndpointCatalogue.Load(layout.EndpointCatalogueFile);
        return SweepPlan.Load(Path.Combine(layout.SweepFolder, "requests.yaml")).Sample(sample)
            .Select(id => (id, catalogue.ById(id).Subject));
    }
}

/// <summary>One row per side-effect probe in fixtures/sweep/side-effects.yaml.</summary>
public sealed class ProbeCasesAttribute : ListCasesAttribute
{
    protected override IEnumerable<(string Id, string Display)> Cases(RepositoryLayout layout) =>
        SideEffectProbes.Load(Path.Combine(layout.SweepFolder, "side-effects.yaml")).Probes.Select(p => (p.Id, p.Id));
}

/// <summary>One row per read-back probe of fixtures/sweep/suspension.yaml.</summary>
public sealed class SuspensionProbeCasesAttribute : ListCasesAttribute
{
    protected override IEnumerable<(string Id, string Display)> Cases(RepositoryLayout layout) =>
        SuspensionPlan.Load(Path.Combine(layout.SweepFolder, "suspension.yaml")).Probes.Select(p => (p.Id, p.Id));
}
