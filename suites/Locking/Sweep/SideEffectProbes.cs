using System.Text.Json.Nodes;
using Conformance.Harness.Layout;
using Conformance.Harness.Matrix;
using RestSharp;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>fixtures/sweep/side-effects.yaml (and suspension.yaml's <c>probes</c>): the state read before
/// the lock or suspension and again after it was lifted, to show that nothing refused took effect.</summary>
public sealed class SideEffectProbes
{
    public List<Probe> Probes { get; set; } = [];

    public sealed class Probe
    {
        public string Id { get; set; } = "";
        public string Request { get; set; } = "";
        public List<string> Select { get; set; } = [];
        public List<string> ChangedBy { get; set; } = [];
        /// <summary><c>equal</c> (the default), or <c>no-additions</c>: array items may go away, none may appear.</summary>
        public string Compare { get; set; } = Equal;

        public const string Equal = "equal";
        public const string NoAdditions = "no-additions";

        public string Method => Request.Split(' ', 2)[0];
        public string PathTemplate => Request.Split(' ', 2)[1];

        public RestRequest Build(FixtureValues values, string token)
        {
            var filled = values.FillPath(PathTemplate);
            var query = filled.IndexOf('?');
            var request = MatrixRequest.Of(Method, query < 0 ? filled : filled[..query]);
            if (query >= 0)
                foreach (var pair in filled[(query + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries))
                {
                    var eq = pair.IndexOf('=');
                    request.AddQueryParameter(pair[..eq], pair[(eq + 1)..]);
                }
            return request.WithToken(token);
        }

        /// <summary>What is compared: the status and the selected parts of the body.</summary>
        public string Fingerprint(MatrixResponse response)
        {
            var parts = new JsonObject { ["status"] = response.Status };
            foreach (var path in Select) parts[path] = JsonSelect.Select(response.Json, path);
            return parts.ToJsonString();
        }

        /// <summary>Whether the state read after matches the state read before, as <see cref="Compare"/> says.</summary>
        public bool Unchanged(MatrixResponse before, MatrixResponse after)
        {
            if (Compare != NoAdditions) return Fingerprint(before) == Fingerprint(after);
            if (before.Status != after.Status) return false;
            foreach (var path in Select)
            {
                var was = JsonSelect.Select(before.Json, path);
                var now = JsonSelect.Select(after.Json, path);
                if (was is JsonArray a && now is JsonArray b)
                {
                    var known = a.Select(i => i?.ToJsonString()).ToHashSet();
                    if (b.Any(i => !known.Contains(i?.ToJsonString()))) return false;
                }
                else if (was?.ToJsonString() != now?.ToJsonString()) return false;
            }
            return true;
        }
    }

    public Probe ById(string id) =>
        Probes.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"side-effects.yaml has no probe '{id}'.");

    public static SideEffectProbes Load(string file) => YamlJson.Bind<SideEffectProbes>(file);
}
