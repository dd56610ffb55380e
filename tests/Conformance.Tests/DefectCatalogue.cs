using Conformance.Harness.Layout;

namespace Conformance.Tests;

/// <summary>fixtures/reference-homeserver/defects.yaml: each defect and the results it must produce.</summary>
public sealed class DefectCatalogue
{
    public List<Entry> Defects { get; set; } = [];

    public static DefectCatalogue Load(string file) => YamlJson.Bind<DefectCatalogue>(file);

    public sealed class Entry
    {
        public string Name { get; set; } = "";
        public bool Variant { get; set; }
        public string Breaks { get; set; } = "";
        public List<Trip> Trips { get; set; } = [];
    }

    /// <summary>A result the suite must report with the defect on: a verdict, or for INFO checks a finding.</summary>
    public sealed class Trip
    {
        public string Check { get; set; } = "";
        public string? Case { get; set; }
        public string? Verdict { get; set; }
        public string? Finding { get; set; }

        public override string ToString() => $"{Check}{(Case is null ? "" : " " + Case)} → {Verdict ?? $"finding '{Finding}'"}";
    }
}
