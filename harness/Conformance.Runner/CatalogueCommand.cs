using Conformance.Harness.Catalogue;
using Conformance.Harness.Layout;

namespace Conformance.Runner;

/// <summary>Regenerates fixtures/catalogue/endpoints.json. With --spec, first refreshes the vendored,
/// prose-free copy of the spec's OpenAPI data from an upstream checkout.</summary>
public sealed class CatalogueCommand(RepositoryLayout layout, string? upstreamSpec, TextWriter output)
{
    public int Execute()
    {
        if (upstreamSpec is { } upstream)
        {
            var copied = SpecVendor.Vendor(Path.GetFullPath(upstream), layout.VendoredSpec);
            output.WriteLine($"Copied {copied} OpenAPI files (prose removed) into {Path.GetRelativePath(layout.Root, layout.VendoredSpec)}.");
        }
        var catalogue = new EndpointCatalogueGenerator().Generate(layout.VendoredSpec);
        var json = catalogue.ToJson();
        var current = File.Exists(layout.EndpointCatalogueFile) ? File.ReadAllText(layout.EndpointCatalogueFile) : "";
        File.WriteAllText(layout.EndpointCatalogueFile, json);
        var byCategory = catalogue.Operations.GroupBy(o => o.LockCategory).OrderBy(g => g.Key).Select(g => $"{g.Key} {g.Count()}");
        output.WriteLine($"{catalogue.Operations.Count} operations ({string.Join(", ", byCategory)}) → {Path.GetRelativePath(layout.Root, layout.EndpointCatalogueFile)} {(json == current ? "(unchanged)" : "(updated)")}.");
        return ExitCodes.Conformant;
    }
}
