using System.Text.Json.Nodes;
using Conformance.Harness.Layout;
using Conformance.Harness.Matrix;
using RestSharp;

namespace Conformance.Suites.Locking.Sweep;

/// <summary>fixtures/sweep/side-effects.yaml: the state read before the lock and again after unlocking, to
/// show that nothing sent while locked took effect.</summary>
public sealed class SideEffectProbes
{
    public List<Probe> Probes { get; set; } = [];

    public sealed class Probe
    {
        public string Id { get; set; } = "";
        public string Request { get; set; } = "";
        public List<string> Select { get; set; } = [];
        public List<string> SentWhileLocked { get; set; } = [];

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
    }

    public Probe ById(string id) =>
        Probes.FirstOrDefault(p => p.Id == id) ?? throw new KeyNotFoundException($"side-effects.yaml has no probe '{id}'.");

    public static SideEffectProbes Load(string file) => YamlJson.Bind<SideEffectProbes>(file);
}
