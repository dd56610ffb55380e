using System.Reflection;
using Conformance.Harness.Catalogue;
using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Xunit;
using Xunit.Sdk;
using Xunit.v3;

namespace Conformance.Suites.Common;

/// <summary>One theory row per catalogue operation of a lock category: each operation is its own test
/// case, named by method and path, and rows serialise only the operationId.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class OperationCasesAttribute(string lockCategory) : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var checkId = testMethod.GetCustomAttribute<CheckAttribute>()?.Id ?? "";
        var catalogue = EndpointCatalogue.Load(RepositoryLayout.Locate().EndpointCatalogueFile);
        IReadOnlyCollection<ITheoryDataRow> rows = catalogue.InLockCategory(lockCategory)
            .Select(op => (ITheoryDataRow)new TheoryDataRow<string>(op.OperationId)
                .WithTestDisplayName($"{checkId} {op.Subject}{(op.SharedRoute ? $" ({op.OperationId})" : "")}")
                .WithTrait("operation", op.OperationId))
            .ToList();
        return new(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}

/// <summary>One theory row per case name listed for the check in the check catalogue
/// (<c>cases: [logout, logout-all]</c>). When the test takes an enum, each row is the member that stands
/// for the case (see <see cref="CaseNames"/>); a catalogue test keeps the enum and the list equal.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NamedCasesAttribute : DataAttribute
{
    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var checkId = testMethod.GetCustomAttribute<CheckAttribute>()?.Id
            ?? throw new InvalidOperationException($"{testMethod.Name} has [NamedCases] but no [Check].");
        var names = CheckCatalogue.Load(RepositoryLayout.Locate().CheckCatalogueFile)[checkId].CaseNames
            ?? throw new InvalidOperationException($"{checkId} lists no named cases in the check catalogue.");
        var parameter = testMethod.GetParameters().Single().ParameterType;
        IReadOnlyCollection<ITheoryDataRow> rows = names
            .Select(n => (ITheoryDataRow)new TheoryDataRow(parameter.IsEnum ? CaseNames.Parse(parameter, n) : n).WithTestDisplayName($"{checkId} {n}"))
            .ToList();
        return new(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}

/// <summary>Rows from any named list the suite provides (a sample of operations, the side-effect probes).</summary>
[AttributeUsage(AttributeTargets.Method)]
public abstract class ListCasesAttribute : DataAttribute
{
    protected abstract IEnumerable<(string Id, string Display)> Cases(RepositoryLayout layout);

    public override ValueTask<IReadOnlyCollection<ITheoryDataRow>> GetData(MethodInfo testMethod, DisposalTracker disposalTracker)
    {
        var checkId = testMethod.GetCustomAttribute<CheckAttribute>()?.Id ?? "";
        IReadOnlyCollection<ITheoryDataRow> rows = Cases(RepositoryLayout.Locate())
            .Select(c => (ITheoryDataRow)new TheoryDataRow<string>(c.Id).WithTestDisplayName($"{checkId} {c.Display}"))
            .ToList();
        return new(rows);
    }

    public override bool SupportsDiscoveryEnumeration() => true;
}
