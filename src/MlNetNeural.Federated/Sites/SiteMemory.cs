using MlNetNeural.Federated.Privacy;
using MlNetNeural.Federated.Protocol;

namespace MlNetNeural.Federated.Sites;

/// <summary>A site's rows as read through the trainer's checks, with the trainer's options and loss.</summary>
/// <param name="Spec">The trainer they were read for.</param>
/// <param name="Options">Its options.</param>
/// <param name="Data">The rows.</param>
/// <param name="Label">The label's classes.</param>
/// <param name="Loss">The trainer's loss for them.</param>
internal sealed record SiteRows(TrainerSpec Spec, MlNetNeural.Trainers.MlpTrainerOptions Options, Core.Training.TrainingData Data,
    Tasks.LabelDescription Label, Core.Losses.ILoss Loss);

/// <summary>
/// What a site keeps between calls: its rows, its prepared contribution and its key pair for the current masking
/// attempt. Held by the silo (one per site silo), not by the grain activation, so that a re-activation of the site's
/// grain (after a directory partition moved when another silo died) does not lose a contribution the coordinator is
/// about to ask for.
/// </summary>
internal sealed class SiteMemory
{
    private readonly object _gate = new();
    private (ContributionKind Kind, int Round, double[] Values)? _contribution;
    private (MaskingAttempt Attempt, MaskingKeyPair Keys)? _keys;

    /// <summary>The rows read for the current trainer.</summary>
    public SiteRows? Rows { get; set; }

    public void Keep(ContributionKind kind, int round, double[] values)
    {
        lock (_gate) _contribution = (kind, round, values);
    }

    public double[]? Contribution(ContributionKind kind, int round)
    {
        lock (_gate) return _contribution is { } kept && kept.Kind == kind && kept.Round == round ? kept.Values : null;
    }

    public byte[] NewKeys(MaskingAttempt attempt)
    {
        lock (_gate)
        {
            _keys?.Keys.Dispose();
            var keys = new MaskingKeyPair();
            _keys = (attempt, keys);
            return keys.PublicKey;
        }
    }

    /// <summary>Runs <paramref name="use"/> with the attempt's key pair, then discards it (a key pair masks once).</summary>
    public void UseKeysOnce(MaskingAttempt attempt, Action<MaskingKeyPair> use)
    {
        lock (_gate)
        {
            if (_keys is not { } keys || keys.Attempt != attempt)
                throw new InvalidOperationException($"No key pair was made for masking attempt {attempt.Attempt} of round {attempt.Round}.");
            try
            {
                use(keys.Keys);
            }
            finally
            {
                keys.Keys.Dispose();
                _keys = null;
            }
        }
    }
}
