using MlNetNeural.Federated.Protocol;

namespace MlNetNeural.Federated.Grains;

/// <summary>
/// One institution: a grain keyed by the site's name and placed on the silo of the same name, where its rows are.
/// Nothing it returns holds rows: a description of the data's shape, public keys, and masked (or, without secure
/// aggregation, plain) fixed-point sums.
/// </summary>
[Alias("MlNetNeural.Federated.IFederatedSiteGrain")]
internal interface IFederatedSiteGrain : IGrainWithStringKey
{
    /// <summary>Reads the site's rows through the trainer's checks and returns their shape.</summary>
    [Alias("Describe"), ResponseTimeout("1.00:00:00")]
    Task<SiteDescription> Describe(TrainerSpec trainer);

    /// <summary>
    /// Computes the site's contribution (training locally for a model update) and keeps it; returns its length. The
    /// coordinator's round deadline bounds the call, not Orleans' default 30-second response timeout.
    /// </summary>
    [Alias("Prepare"), ResponseTimeout("1.00:00:00")]
    Task<int> Prepare(ContributionRequest request, CancellationToken cancellation);

    /// <summary>Creates a fresh key pair for <paramref name="attempt"/> and returns its public key.</summary>
    [Alias("AdvertiseKey")]
    Task<byte[]> AdvertiseKey(MaskingAttempt attempt);

    /// <summary>The kept contribution in fixed point, masked with every other roster member when keys are given.</summary>
    [Alias("SubmitMasked")]
    Task<ulong[]> SubmitMasked(MaskRequest request);
}
