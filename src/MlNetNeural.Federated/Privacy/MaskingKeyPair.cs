using System.Security.Cryptography;

namespace MlNetNeural.Federated.Privacy;

/// <summary>
/// One site's key pair for one masking attempt: an ephemeral elliptic-curve Diffie-Hellman key (P-256). Every pair of
/// sites derives the same secret from its own private key and the other's public key; the coordinator, which only
/// relays public keys, cannot (Bonawitz et al. 2017, section 4: "masking with one-time pads" seeded by key agreement).
/// A fresh pair for every attempt means a redone aggregation never reuses a mask.
/// </summary>
internal sealed class MaskingKeyPair : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>The public key to publish (SubjectPublicKeyInfo, DER).</summary>
    public byte[] PublicKey => _key.ExportSubjectPublicKeyInfo();

    /// <summary>The 128-bit mask key this site shares with the owner of <paramref name="otherPublicKey"/> for <paramref name="context"/>.</summary>
    /// <param name="otherPublicKey">The other site's published key.</param>
    /// <param name="context">What the mask is for (study, round, attempt), so keys never repeat across uses.</param>
    public byte[] SharedMaskKey(byte[] otherPublicKey, string context)
    {
        using var other = ECDiffieHellman.Create();
        other.ImportSubjectPublicKeyInfo(otherPublicKey, out _);
        byte[] secret = _key.DeriveRawSecretAgreement(other.PublicKey);
        return HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 16, info: System.Text.Encoding.UTF8.GetBytes("MlNetNeural secure aggregation mask|" + context));
    }

    /// <inheritdoc />
    public void Dispose() => _key.Dispose();
}
