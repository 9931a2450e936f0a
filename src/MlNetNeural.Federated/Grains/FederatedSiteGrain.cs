using Microsoft.Extensions.Logging;
using Microsoft.ML;
using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Training;
using MlNetNeural.Federated.Hosting;
using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;
using MlNetNeural.Federated.Sites;
using MlNetNeural.Trainers;
using MlNetNeural.Tasks;

namespace MlNetNeural.Federated.Grains;

/// <summary>
/// A site: reads its rows from the data registered on its own silo (once per trainer), computes contributions from
/// them, and answers only with shapes, public keys and masked sums. A contribution is kept until it is summed, so a
/// masking attempt that is redone without a dropped site does not train again.
/// </summary>
[SitePlacement]
internal sealed class FederatedSiteGrain(ILogger<FederatedSiteGrain> logger) : Grain, IFederatedSiteGrain
{
    private LoadedRows? _rows;
    private (ContributionKind Kind, int Round, double[] Values)? _contribution;
    private (MaskingAttempt Attempt, MaskingKeyPair Keys)? _keys;

    private string Site => this.GetPrimaryKeyString();

    public Task<SiteDescription> Describe(TrainerSpec trainer)
    {
        var rows = Load(trainer);
        return Task.FromResult(new SiteDescription(rows.Data.FeatureCount, [.. rows.Label.ClassNames]));
    }

    public Task<int> Prepare(ContributionRequest request, CancellationToken cancellation)
    {
        var rows = Load(request.Trainer);
        _contribution = null;
        double[] values = request.Kind switch
        {
            ContributionKind.FeatureSums => SiteContributions.FeatureSums(rows.Data),
            ContributionKind.CenteredSquares => SiteContributions.CenteredSquares(rows.Data, request.FeatureMeans ?? throw new ArgumentException("The means are missing.", nameof(request))),
            ContributionKind.ModelUpdate => SiteContributions.ModelUpdate(rows.Data, rows.Loss, rows.Options, request, Site, cancellation),
            _ => throw new ArgumentOutOfRangeException(nameof(request), request.Kind, "Unknown contribution."),
        };
        _contribution = (request.Kind, request.Round, values);
        logger.LogInformation("Site {Site} prepared its {Kind} contribution for round {Round} ({Count} values).", Site, request.Kind, request.Round, values.Length);
        return Task.FromResult(values.Length);
    }

    public Task<byte[]> AdvertiseKey(MaskingAttempt attempt)
    {
        _keys?.Keys.Dispose();
        var keys = new MaskingKeyPair();
        _keys = (attempt, keys);
        return Task.FromResult(keys.PublicKey);
    }

    public Task<ulong[]> SubmitMasked(MaskRequest request)
    {
        var attempt = request.Attempt;
        if (_contribution is not { } kept || kept.Kind != attempt.Kind || kept.Round != attempt.Round)
            throw new InvalidOperationException($"Site '{Site}' holds no {attempt.Kind} contribution for round {attempt.Round} (it may have restarted); it sits this sum out.");
        var encoded = new ulong[kept.Values.Length];
        new FixedPointEncoding(request.FractionBits).Encode(kept.Values, encoded, request.Sites.Length, i => $"Value {i} of site '{Site}''s {attempt.Kind} contribution");
        if (request.PublicKeys.Length > 0)
        {
            if (_keys is not { } keys || keys.Attempt != attempt)
                throw new InvalidOperationException($"Site '{Site}' has no key pair for masking attempt {attempt.Attempt} of round {attempt.Round}.");
            PairwiseMasking.Apply(encoded, Site, [.. request.Sites.Zip(request.PublicKeys)], keys.Keys, attempt.Context);
            keys.Keys.Dispose();
            _keys = null;
        }
        return Task.FromResult(encoded);
    }

    private LoadedRows Load(TrainerSpec trainer)
    {
        if (_rows is { } cached && cached.Spec == trainer) return cached;
        var options = TrainerOptionsCodec.Read((Models.MlpTask)trainer.Task, trainer.TrainerOptionsJson);
        var steps = TrainerOptionsCodec.CreateTrainer(new MLContext(options.Seed ?? 0), options);
        IDataView data = HostedSite.Open(ServiceProvider, Site);
        var (rows, label) = steps.ReadTrainingData(data);
        _rows = new LoadedRows(trainer, options, rows, label, steps.CreateLossFor(label));
        logger.LogInformation("Site {Site} read {Rows} rows of {Features} features.", Site, rows.Rows, rows.FeatureCount);
        return _rows;
    }

    private sealed record LoadedRows(TrainerSpec Spec, MlpTrainerOptions Options, TrainingData Data, LabelDescription Label, ILoss Loss);
}
