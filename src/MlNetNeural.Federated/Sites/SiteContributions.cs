using MlNetNeural.Core.Losses;
using MlNetNeural.Core.Optimizers;
using MlNetNeural.Core.Schedules;
using MlNetNeural.Core.Serialization;
using MlNetNeural.Core.Training;
using MlNetNeural.Federated.Protocol;
using MlNetNeural.Trainers;

namespace MlNetNeural.Federated.Sites;

/// <summary>What a site computes from its own rows for one secure sum (see <see cref="ContributionKind"/>). Nothing here leaves the site unmasked when secure aggregation is on.</summary>
internal static class SiteContributions
{
    /// <summary>[n, Σx₁, …, Σx_d].</summary>
    public static double[] FeatureSums(TrainingData rows)
    {
        var sums = new double[rows.FeatureCount + 1];
        sums[0] = rows.Rows;
        for (int row = 0; row < rows.Rows; row++)
        {
            var values = rows.Features.AsSpan(row * rows.FeatureCount, rows.FeatureCount);
            for (int j = 0; j < values.Length; j++) sums[j + 1] += values[j];
        }
        return sums;
    }

    /// <summary>[n, Σ(x₁ − μ₁)², …, Σ(x_d − μ_d)²] around the pooled means (two passes avoid the cancellation of Σx² − nμ²).</summary>
    public static double[] CenteredSquares(TrainingData rows, double[] means)
    {
        if (means.Length != rows.FeatureCount)
            throw new ArgumentException($"The study has {means.Length} features but this site's rows have {rows.FeatureCount}.", nameof(means));
        var sums = new double[rows.FeatureCount + 1];
        sums[0] = rows.Rows;
        for (int row = 0; row < rows.Rows; row++)
        {
            var values = rows.Features.AsSpan(row * rows.FeatureCount, rows.FeatureCount);
            for (int j = 0; j < values.Length; j++)
            {
                double deviation = values[j] - means[j];
                sums[j + 1] += deviation * deviation;
            }
        }
        return sums;
    }

    /// <summary>
    /// Trains the global network on the site's rows for the round's local epochs with the library's trainer (FedProx's
    /// proximal term when μ &gt; 0) and returns the update: [n·Δ, n, n·loss], or with DP the update clipped to the norm.
    /// </summary>
    public static double[] ModelUpdate(TrainingData rows, ILoss loss, MlpTrainerOptions options, ContributionRequest request, string site, CancellationToken cancellation)
    {
        var network = NetworkSerializer.FromBytes(request.Network ?? throw new ArgumentException("A model-update request carries the global network.", nameof(request)));
        var global = network.SnapshotParameters();
        var mapped = MlpSettingsMapper.ToSettings(options, SiteSeed(request.Seed, request.Round, site), rows.Rows, smallestClassRows: null); // one network per site: no members' folds
        var settings = mapped with
        {
            MaxEpochs = request.LocalEpochs,
            ValidationFraction = 0f,
            Schedule = mapped.Schedule with { Kind = LearningRateScheduleKind.Constant },
            Proximal = request.ProximalStrength > 0f ? new ProximalAnchor(global, request.ProximalStrength) : null,
        };
        var result = new NetworkTrainer(settings).Train(network, loss, rows, cancellation: cancellation);
        if (result.History.StopReason == StopReason.Cancelled) throw new OperationCanceledException($"Site '{site}' stopped training round {request.Round}: the round's deadline passed.");
        if (result.History.StopReason == StopReason.Diverged) throw new TrainingDivergedException(result.History.Epochs.Count, options.LearningRate);

        int parameterCount = global.Sum(p => p.Length);
        bool private_ = request.ClipNorm is not null;
        var update = new double[private_ ? parameterCount : parameterCount + 2];
        int offset = 0;
        for (int p = 0; p < global.Length; p++)
        {
            var values = network.Parameters[p].Values;
            for (int i = 0; i < values.Length; i++) update[offset + i] = (double)values[i] - global[p][i];
            offset += values.Length;
        }
        if (request.ClipNorm is float clip)
        {
            ClipToNorm(update, clip);
            return update;
        }
        double n = rows.Rows;
        for (int i = 0; i < parameterCount; i++) update[i] *= n;
        update[parameterCount] = n;
        update[parameterCount + 1] = n * result.History.Epochs[^1].TrainLoss;
        return update;
    }

    /// <summary>Scales <paramref name="update"/> so that its L2 norm is at most <paramref name="clipNorm"/> (DP-FedAvg's per-site clipping).</summary>
    public static void ClipToNorm(Span<double> update, double clipNorm)
    {
        double sumOfSquares = 0;
        foreach (double value in update) sumOfSquares += value * value;
        double norm = Math.Sqrt(sumOfSquares);
        if (norm <= clipNorm) return;
        double scale = clipNorm / norm;
        for (int i = 0; i < update.Length; i++) update[i] *= scale;
    }

    /// <summary>The seed of one site's local training in one round: the study's seed mixed with the round and the site's name.</summary>
    public static int SiteSeed(int seed, int round, string site)
    {
        ulong hash = 14695981039346656037UL;
        foreach (char c in site) hash = unchecked((hash ^ c) * 1099511628211UL);
        hash = unchecked((hash ^ (ulong)(uint)round) * 0x9E3779B97F4A7C15UL ^ (ulong)(uint)seed * 0xD1B54A32D192ED03UL);
        return unchecked((int)(hash ^ (hash >> 32)));
    }
}
