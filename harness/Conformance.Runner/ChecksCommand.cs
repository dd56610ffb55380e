using Conformance.Harness.Checks;
using Conformance.Harness.Layout;

namespace Conformance.Runner;

/// <summary>Lists the check catalogue: ID, level, since, title.</summary>
public sealed class ChecksCommand(RepositoryLayout layout, TextWriter output)
{
    public int Execute()
    {
        var catalogue = CheckCatalogue.Load(layout.CheckCatalogueFile);
        foreach (var area in catalogue.Areas)
        {
            output.WriteLine($"{area.Value.Title} ({area.Key})");
            foreach (var c in catalogue.Checks.Where(c => c.Area == area.Key))
                output.WriteLine($"  {c.Id,-8} {c.Level,-8} v{c.Since,-5} {c.Title}");
        }
        return ExitCodes.Conformant;
    }
}
