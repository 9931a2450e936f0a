using MlNetNeural.Core.Layers;
using MlNetNeural.Core.Training;

namespace MlNetNeural.Trainers;

/// <summary>
/// Regression targets standardized for training, (y − mean) / scale, and mapped back afterwards: the network learns
/// on targets of unit scale whatever the label's units (so the learning rate, the initialisation and the loss mean
/// the same on every table), and a final fixed feature-scaling layer, z·scale + mean, makes Score come out in the
/// label's units in Transform, PredictionEngine and ONNX alike.
/// </summary>
/// <param name="Mean">Mean of the training targets.</param>
/// <param name="Scale">Their standard deviation (1 when they are all equal).</param>
internal sealed record TargetStandardization(double Mean, double Scale)
{
    /// <summary>
    /// Fits on the training targets and standardizes them, and the validation targets, in place. Non-finite targets
    /// are left as they are, for the loss's check to report them with their row.
    /// </summary>
    public static TargetStandardization Apply(TrainingData train, TrainingData? validation)
    {
        double sum = 0, sumOfSquares = 0;
        int count = 0;
        foreach (float target in train.Targets)
        {
            if (!float.IsFinite(target)) continue;
            sum += target;
            sumOfSquares += (double)target * target;
            count++;
        }
        double mean = count == 0 ? 0 : sum / count;
        double sd = count == 0 ? 1 : Math.Sqrt(Math.Max(0, sumOfSquares / count - mean * mean));
        var standardization = new TargetStandardization(mean, sd > 0 && double.IsFinite(sd) ? sd : 1);
        standardization.Standardize(train.Targets);
        if (validation is not null) standardization.Standardize(validation.Targets);
        return standardization;
    }

    /// <summary>Standardizes the training and validation targets in place with this mean and scale (a warm start keeps its model's); returns itself.</summary>
    public TargetStandardization Standardize(TrainingData train, TrainingData? validation)
    {
        Standardize(train.Targets);
        if (validation is not null) Standardize(validation.Targets);
        return this;
    }

    /// <summary>
    /// Reads the standardization back from a regression network that ends with its map-back layer (see <see cref="MapBack"/>),
    /// giving the network without that layer; false when the network has none (its outputs are in label units).
    /// </summary>
    public static bool TryRead(Network network, out TargetStandardization standardization, out Network withoutMapBack)
    {
        if (network.Layers.Count > 1 && network.Layers[^1] is FeatureScalingLayer { InputSize: 1, ClipBound: 0f, Gain: null } mapBack)
        {
            double scale = mapBack.Scale[0];
            standardization = new TargetStandardization(-mapBack.Shift[0] * scale, scale);
            withoutMapBack = new Network(network.Layers.Take(network.Layers.Count - 1).ToArray());
            return true;
        }
        standardization = null!;
        withoutMapBack = network;
        return false;
    }

    /// <summary>The network followed by the layer that maps its standardized output back to label units.</summary>
    public Network MapBack(Network trained)
    {
        var mapBack = new FeatureScalingLayer([(float)(-Mean / Scale)], [(float)Scale]);
        return new Network([.. trained.Layers, mapBack]);
    }

    /// <summary>The history with the validation RMSE in label units (the losses stay on the standardized scale, as trained).</summary>
    public TrainingHistory InLabelUnits(TrainingHistory history) => TrainingHistory.Restore(history.MetricName, history.BestEpoch, history.StopReason,
        history.StopMessage, history.TrainingRows, history.ValidationRows, history.TotalSeconds,
        history.Epochs.Select(epoch => epoch with { ValidationMetric = epoch.ValidationMetric * Scale }), history.StartingLoss);

    private void Standardize(float[] targets)
    {
        for (int i = 0; i < targets.Length; i++) if (float.IsFinite(targets[i])) targets[i] = (float)((targets[i] - Mean) / Scale);
    }
}
