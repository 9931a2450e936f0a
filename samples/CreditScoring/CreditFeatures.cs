using Microsoft.ML;
using Microsoft.ML.Transforms;

namespace CreditScoring;

/// <summary>The feature pipeline every compared model shares.</summary>
public static class CreditFeatures
{
    /// <summary>
    /// One-hot encodes the 13 categorical attributes (a value not seen in training becomes all zeros), scales the
    /// 7 numeric ones to mean 0 and variance 1 (fixZero: false, so they are also centred; ML.NET's default only
    /// scales), and concatenates everything into "Features" (61 slots).
    /// </summary>
    public static IEstimator<ITransformer> Pipeline(MLContext ml) => ml.Transforms.Categorical
        .OneHotEncoding(CreditData.Categorical.Select(name => new InputOutputColumnPair(name)).ToArray(), OneHotEncodingEstimator.OutputKind.Indicator)
        .Append(ml.Transforms.NormalizeMeanVariance(CreditData.Numeric.Select(name => new InputOutputColumnPair(name)).ToArray(), fixZero: false))
        .Append(ml.Transforms.Concatenate("Features", [.. CreditData.Categorical, .. CreditData.Numeric]));
}
