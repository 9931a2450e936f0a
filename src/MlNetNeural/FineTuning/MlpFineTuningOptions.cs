using System.Globalization;
using MlNetNeural.Models;

namespace MlNetNeural.FineTuning;

/// <summary>
/// Fine-tuning a trained MLP on new data (<see cref="Trainers.MlpTrainerOptions.FineTuning"/>): which model to start
/// from, which of its layers train, whether its output layer is replaced for a new set of classes, and low-rank adapters
/// (LoRA) on the layers that stay frozen. See docs/fine-tuning.md.
/// </summary>
/// <example>
/// <code>
/// var trainer = ml.MulticlassClassification.Trainers.Mlp(new MlpMulticlassTrainer.Options
/// {
///     MaxEpochs = 50,
///     FineTuning = new MlpFineTuningOptions { TrainableLayers = 1, ReplaceOutputLayer = true, LoraRank = 4 },
/// });
/// var tuned = trainer.Fit(pretrainedPipeline.Transform(smallData), pretrained.LastTransformer.Model);
/// </code>
/// </example>
public sealed class MlpFineTuningOptions
{
    /// <summary>
    /// The trained model to start from when the trainer is fitted without one (<c>Fit(data)</c>, so that pipelines and
    /// CrossValidate fine-tune too); <c>trainer.Fit(train, initialModel)</c> takes precedence. Its network is copied, never
    /// changed. Default null.
    /// </summary>
    public MlpModelParameters? InitialModel { get; set; }

    /// <summary>
    /// How many layers with weights, counted from the output side, train; the others are frozen (their weights stay bit for
    /// bit as they were, and no gradients are computed for them). 1 trains only the output layer (the hidden layers become a
    /// fixed feature extractor); 0 trains only what <see cref="ReplaceOutputLayer"/> and <see cref="LoraRank"/> add. Null
    /// (default) trains every layer (full fine-tuning), or, with <see cref="LoraRank"/> above 0, none but the adapters and a
    /// new output layer. The front layers (a feature-scaling layer's gain, periodic embeddings) train only in full fine-tuning.
    /// </summary>
    public int? TrainableLayers { get; set; }

    /// <summary>
    /// Replace the output layer with a new one, initialised afresh (Glorot uniform) and always trained, for a task with other
    /// classes (or another task) than the initial model's; the hidden layers are kept. Default false: the initial model's
    /// task, class count and class names must match the training data's.
    /// </summary>
    public bool ReplaceOutputLayer { get; set; }

    /// <summary>
    /// Rank r of the low-rank adapters (LoRA, Hu et al. 2021) added to every frozen dense layer: such a layer then trains
    /// r·(inputs + outputs) values instead of none, while its weights stay as they were. 0 (default) adds none. Ranks of
    /// 1 to 8 are typical; a rank is capped at the layer's smaller dimension.
    /// </summary>
    public int LoraRank { get; set; }

    /// <summary>LoRA's α: the adapters' update is scaled by α/r. Null (default) uses the rank (a scale of 1, as Hu et al. set α to the first r they tried).</summary>
    public float? LoraAlpha { get; set; }

    /// <summary>A one-line summary for model cards and logs.</summary>
    public override string ToString()
    {
        var parts = new List<string>
        {
            InitialModel is null ? "initial model given to Fit" : $"initial model {string.Join("-", InitialModel.LayerSizes)} ({InitialModel.Task})",
            TrainableLayers is int k ? $"last {k} layer{(k == 1 ? "" : "s")} trained" : LoraRank > 0 ? "only adapters trained" : "all layers trained",
        };
        if (ReplaceOutputLayer) parts.Add("new output layer");
        if (LoraRank > 0) parts.Add(string.Create(CultureInfo.InvariantCulture, $"LoRA rank {LoraRank} (alpha {LoraAlpha ?? LoraRank}) on the frozen dense layers"));
        return string.Join("; ", parts);
    }
}
