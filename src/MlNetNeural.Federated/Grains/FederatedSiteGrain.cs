using Microsoft.Extensions.Logging;
using Microsoft.ML;
using MlNetNeural.Federated.Hosting;
using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;
using MlNetNeural.Federated.Sites;

namespace MlNetNeural.Federated.Grains;

/// <summary>
/// A site: reads its rows from the data registered on its own silo (once per trainer), computes contributions from
/// them, and answers only with shapes, public keys and masked sums. A contribution is kept until it is summed, so a
/// masking attempt that is redone without a dropped site does not train again.
/// </summary>
[SitePlacement]
internal sealed class FederatedSiteGrain(SiteMemory memory, ILogger<FederatedSiteGrain> logger) : Grain, IFederatedSiteGrain
{
    private string Site => this.GetPrimaryKeyString();

    public Task<SiteDescription> Describe(TrainerSpec trainer)
    {
        var rows = Load(trainer);
        return Task.FromResult(new SiteDescription(rows.Data.FeatureCount, [.. rows.Label.ClassNames]));
    }

    public Task<int> Prepare(ContributionRequest request, CancellationToken cancellation)
    {
        var rows = Load(request.Trainer);
        memory.Keep(request.Kind, request.Round, []);
        double[] values = request.Kind switch
        {
            ContributionKind.FeatureSums => SiteContributions.FeatureSums(rows.Data),
            ContributionKind.CenteredSquares => SiteContributions.CenteredSquares(rows.Data, request.FeatureMeans ?? throw new ArgumentException("The means are missing.", nameof(request))),
            ContributionKind.ModelUpdate => SiteContributions.ModelUpdate(rows.Data, rows.Loss, rows.Options, request, Site, cancellation),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown contribution."),
        };
        memory.Keep(request.Kind, request.Round, values);
        logger.LogInformation("Site {Site} prepared its {Kind} contribution for round {Round} ({Count} values).", Site, request.Kind, request.Round, values.Length);
        return Task.FromResult(values.Length);
    }

    public Task<byte[]> AdvertiseKey(MaskingAttempt attempt) => Task.FromResult(memory.NewKeys(attempt));

    public Task<ulong[]> SubmitMasked(MaskRequest request)
    {
        var attempt = request.Attempt;
        var values = memory.Contribution(attempt.Kind, attempt.Round);
        if (values is null || values.Length == 0)
            throw new InvalidOperationException($"Site '{Site}' holds no {attempt.Kind} contribution for round {attempt.Round} (its silo restarted); it sits this sum out.");
        var encoded = new ulong[values.Length];
        new FixedPointEncoding(request.FractionBits).Encode(values, encoded, request.Sites.Length, i => $"Value {i} of site '{Site}''s {attempt.Kind} contribution");
        if (request.PublicKeys.Length > 0)
            memory.UseKeysOnce(attempt, keys => PairwiseMasking.Apply(encoded, Site, [.. request.Sites.Zip(request.PublicKeys)], keys, attempt.Context));
        return Task.FromResult(encoded);
    }

    private SiteRows Load(TrainerSpec trainer)
    {
        if (memory.Rows is { } cached && cached.Spec == trainer) return cached;
        var (options, steps) = TrainerOptionsCodec.Open(trainer);
        IDataView data = HostedSite.Open(ServiceProvider, Site);
        var (rows, label) = steps.ReadTrainingData(data);
        var loaded = new SiteRows(trainer, options, rows, label, steps.CreateLossFor(label));
        memory.Rows = loaded;
        logger.LogInformation("Site {Site} read {Rows} rows of {Features} features.", Site, rows.Rows, rows.FeatureCount);
        return loaded;
    }
}
