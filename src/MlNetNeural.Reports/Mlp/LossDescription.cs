using MlNetNeural.Models;

namespace MlNetNeural.Reports.Mlp;

/// <summary>Says what an MLP's per-epoch loss values are, so the loss chart is not read on the metrics table's scale.</summary>
internal static class LossDescription
{
    /// <summary>The sentence shown under the loss chart for a model of <paramref name="task"/> trained with <paramref name="options"/>.</summary>
    public static string For(MlpTask task, IReadOnlyList<KeyValuePair<string, string>> options)
    {
        string? Option(string name) => options.LastOrDefault(o => o.Key == name).Value;
        const string During = "averaged over each epoch's mini-batches while the weights were still changing and dropout was active, without the L2 penalty term";
        return task switch
        {
            MlpTask.BinaryClassification =>
                $"The loss is the trainer's objective: binary cross-entropy in nats (natural logarithm){Weighting(Option("PositiveClassWeight"))}, {During}. " +
                "The metrics table's log-loss is ML.NET's: unweighted, in bits (base-2 logarithm), on the evaluated rows with the final model. " +
                "The two are on different scales and are not comparable (1 bit = 0.693 nats).",
            MlpTask.MulticlassClassification =>
                $"The loss is the trainer's objective: softmax cross-entropy in nats (natural logarithm){(Option("ClassWeights") is { } weights && weights != "(none)" ? $", each row weighted by its class weight {weights}" : "")}, {During}. " +
                "The metrics table's log-loss is ML.NET's: unweighted, on the evaluated rows with the final model. The two are not comparable.",
            _ => Option("Loss") == "Huber"
                ? $"The loss is the trainer's objective: Huber loss with delta {Option("HuberDelta")} on the label's scale, {During}. It is not the metrics table's MSE or RMSE."
                : $"The loss is the trainer's objective: mean squared error on the label's scale, {During}. It is close to, but not the same as, the metrics table's MSE of the final model on the evaluated rows.",
        };
    }

    private static string Weighting(string? positiveClassWeight) =>
        positiveClassWeight is null or "1" ? "" : $", rows of the positive class weighted {positiveClassWeight}× (weighted sum divided by the row count)";
}
