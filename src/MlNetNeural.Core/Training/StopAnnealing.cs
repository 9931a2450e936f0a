namespace MlNetNeural.Core.Training;

/// <summary>
/// The last epochs of a run whose early-stopping patience ran out (<see cref="TrainerSettings.EarlyStoppingAnnealingEpochs"/>):
/// from the step after <see cref="Begin"/> the learning rate falls from the rate of that moment to 0 along a half cosine over
/// <see cref="Epochs"/> epochs, and the run stops when they are done. A cosine schedule of 200 epochs is near its peak when a
/// table's validation loss stops improving after 20 or 30; the annealed epochs give the network the small steps it would
/// otherwise never take (Fashion-MNIST with the defaults and one hidden layer of 256: test accuracy 0.872-0.877 → 0.891-0.894,
/// docs/trainers.md).
/// </summary>
/// <param name="epochs">Epochs of annealing; 0 turns it off (the run stops when the patience runs out).</param>
internal sealed class StopAnnealing(int epochs)
{
    private int _startEpoch;
    private float _startRate;

    /// <summary>Epochs of annealing.</summary>
    public int Epochs { get; } = epochs;

    /// <summary>Whether the annealing has begun.</summary>
    public bool Active => _startEpoch > 0;

    /// <summary>The last epoch before the annealing (the one whose end ran out of patience); 0 before it begins.</summary>
    public int StartEpoch => _startEpoch;

    /// <summary>Whether the run should anneal now instead of stopping: on, not yet begun, and <paramref name="epoch"/> not the last one.</summary>
    public bool ShouldBegin(int epoch, int maxEpochs) => Epochs > 0 && !Active && epoch < maxEpochs;

    /// <summary>Begins the annealing after <paramref name="epoch"/>, from <paramref name="rate"/> (the last step's).</summary>
    public void Begin(int epoch, float rate)
    {
        _startEpoch = epoch;
        _startRate = rate;
    }

    /// <summary>Whether the annealing is complete after <paramref name="epoch"/>.</summary>
    public bool Done(int epoch) => Active && epoch >= _startEpoch + Epochs;

    /// <summary>
    /// The rate of step <paramref name="step"/> of 1-based epoch <paramref name="epoch"/>: once the annealing has begun, the
    /// start rate times (1 + cos(π·t)) / 2, where t is the share of the annealing epochs completed before this step; before, the
    /// schedule's <paramref name="scheduled"/> rate.
    /// </summary>
    public float Rate(float scheduled, int epoch, int step, int stepsPerEpoch)
    {
        if (!Active) return scheduled;
        double done = epoch - 1 - _startEpoch + (double)step / Math.Max(1, stepsPerEpoch);
        double share = Math.Clamp(done / Epochs, 0, 1);
        return (float)(_startRate * 0.5 * (1 + Math.Cos(Math.PI * share)));
    }
}
