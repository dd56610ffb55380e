using Conformance.Harness.Layout;
using Conformance.Harness.Profiles;

namespace Conformance.Harness.Browser;

/// <summary>fixtures/web/defaults.yaml, with the profile's own words laid over it.</summary>
public sealed class WebDefaults
{
    public Dictionary<string, List<string>> ActionWords { get; set; } = [];
    public List<string> ConfirmationWords { get; set; } = [];

    public static WebDefaults Load(string file, WebSection profile)
    {
        var defaults = YamlJson.Bind<WebDefaults>(file);
        foreach (var (action, words) in profile.ActionWords) defaults.ActionWords[action] = words;
        if (profile.ConfirmationWords is { } confirm) defaults.ConfirmationWords = confirm;
        return defaults;
    }

    public IReadOnlyList<string> WordsFor(string action) => ActionWords.GetValueOrDefault(action) ?? [];
}
