using Microsoft.ML;
using MlNetNeural.Samples;

namespace MedicalImaging.Evaluation;

/// <summary>One case as ML.NET's binary evaluator reads it: the label, the decision score at a threshold, the probability.</summary>
public sealed class DecisionRow
{
    /// <summary>True for the positive class.</summary>
    public bool Label { get; set; }

    /// <summary>logit(probability) − logit(threshold): above 0 exactly when the case is predicted positive.</summary>
    public float Score { get; set; }

    /// <summary>The model's probability of the positive class.</summary>
    public float Probability { get; set; }

    /// <summary>The decision: probability ≥ threshold.</summary>
    public bool PredictedLabel { get; set; }

    /// <summary>The row of a case with <paramref name="probability"/> decided at <paramref name="threshold"/>.</summary>
    public static DecisionRow At(float probability, bool label, double threshold) => new()
    {
        Label = label, Probability = probability, Score = DecisionScores.At(probability, threshold), PredictedLabel = probability >= threshold,
    };

    /// <summary>The cases as a data view for ML.NET's evaluators, all decided at <paramref name="threshold"/>.</summary>
    public static IDataView View(MLContext ml, float[] probabilities, bool[] labels, double threshold) =>
        ml.Data.LoadFromEnumerable(probabilities.Select((p, i) => At(p, labels[i], threshold)).ToList());
}
