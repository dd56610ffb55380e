using Conformance.Harness.Layout;

namespace Conformance.Harness.Checks;

/// <summary>The check catalogue (fixtures/catalogue/checks.yaml): IDs, levels, spec links, quotes.</summary>
public sealed class CheckCatalogue
{
    public Dictionary<string, AreaDefinition> Areas { get; set; } = [];
    public List<CheckDefinition> Checks { get; set; } = [];

    public CheckDefinition this[string id] =>
        Checks.FirstOrDefault(c => c.Id == id) ?? throw new KeyNotFoundException($"Check {id} is not in the check catalogue.");

    public bool Contains(string id) => Checks.Any(c => c.Id == id);

    public static CheckCatalogue Load(string file)
    {
        var catalogue = YamlJson.Bind<CheckCatalogue>(file);
        foreach (var check in catalogue.Checks)
        {
            if (!CheckLevels.All.Contains(check.Level))
                throw new InvalidDataException($"{file}: {check.Id} has level '{check.Level}'; expected one of {string.Join(", ", CheckLevels.All)}.");
            if (!catalogue.Areas.ContainsKey(check.Area))
                throw new InvalidDataException($"{file}: {check.Id} names area '{check.Area}', which is not declared.");
            if (!check.HasValidCases)
                throw new InvalidDataException($"{file}: {check.Id} has cases {check.Cases?.ToJsonString() ?? "missing"}; expected {string.Join(" or ", CheckDefinition.CaseWords)} or a list of names.");
        }
        var duplicate = catalogue.Checks.GroupBy(c => c.Id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) throw new InvalidDataException($"{file}: check {duplicate.Key} is declared twice.");
        return catalogue;
    }
}
