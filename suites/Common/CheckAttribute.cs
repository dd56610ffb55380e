using Conformance.Harness.Checks;
using Conformance.Harness.Layout;
using Xunit.v3;

namespace Conformance.Suites.Common;

/// <summary>
/// Marks a test as the implementation of a catalogue check and gives it the check's traits (id, level,
/// area, family), so <c>-trait id=…</c> or <c>-trait level=MUST</c> select checks.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class CheckAttribute(string id) : Attribute, ITraitAttribute
{
    public string Id { get; } = id;

    private static readonly Lazy<CheckCatalogue> Catalogue = new(() => CheckCatalogue.Load(RepositoryLayout.Locate().CheckCatalogueFile));

    public IReadOnlyCollection<KeyValuePair<string, string>> GetTraits()
    {
        var check = Catalogue.Value[Id];
        return
        [
            new("id", check.Id),
            new("level", check.Level),
            new("area", check.Area),
            new("family", check.Family),
        ];
    }
}
