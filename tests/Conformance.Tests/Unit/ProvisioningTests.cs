using Conformance.Harness.Provisioning;
using Xunit;

namespace Conformance.Tests.Unit;

public sealed class ProvisioningTests
{
    /// <summary>Known answers from <c>printf 'nonce\0alice\0pass\0admin' | openssl dgst -sha1 -hmac secret</c>,
    /// the shell form of Synapse's registration MAC.</summary>
    [Fact]
    public void Registration_mac_is_synapses_hmac_sha1()
    {
        Assert.Equal("f62fca97d1ba6f156e9f2a56cb77295fe732e6d5", SharedSecretRegistrar.Mac("secret", "nonce", "alice", "pass", admin: true));
        Assert.Equal("4b8b27667e6fe6dd18d944050f8a62e5a37e2d99", SharedSecretRegistrar.Mac("secret", "nonce", "alice", "pass", admin: false));
    }

    [Fact]
    public void Test_accounts_know_their_parts()
    {
        var a = new TestAccount("subject", "@conformance-subject-abc:hs.example", "pw", false);
        Assert.Equal("conformance-subject-abc", a.Localpart);
        Assert.Equal("hs.example", a.ServerName);
    }
}
