using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace MlNetNeural.MlNet.Internals;

/// <summary>
/// The transformers a fitted <see cref="OneHotEncodingTransformer"/> (<c>OneHotEncoding</c>) is made of: ML.NET builds it
/// as a <c>MapValueToKey</c> followed, per output kind, by <c>KeyToVector</c> (Indicator, Bag) and/or
/// <c>KeyToBinaryVector</c> (Binary), nothing more for Key, and keeps that chain in the internal field
/// <c>OneHotEncodingTransformer._transformer</c> (<see cref="MlNetMembers.OneHotEncodingChain"/>).
/// </summary>
internal static class OneHotEncodingParts
{
    /// <summary>The inner chain, whose first transformer is a <see cref="ValueToKeyMappingTransformer"/>.</summary>
    /// <param name="transformer">The fitted one-hot encoding.</param>
    /// <exception cref="MissingMemberException">The referenced ML.NET is not laid out as the pinned version.</exception>
    public static TransformerChain<ITransformer> Of(OneHotEncodingTransformer transformer)
    {
        ArgumentNullException.ThrowIfNull(transformer);
        var chain = (TransformerChain<ITransformer>?)MlNetMembers.OneHotEncodingChain.Value.GetValue(transformer);
        if (chain is null || chain.FirstOrDefault() is not ValueToKeyMappingTransformer)
        {
            throw new MissingMemberException(
                $"ML.NET's OneHotEncodingTransformer holds [{string.Join(", ", chain?.Select(t => t.GetType().Name) ?? [])}] internally where a MapValueToKey first was expected; " +
                $"MlNetNeural was written for Microsoft.ML {MlNetMembers.PinnedVersion} and cannot read this version's one-hot encodings safely.");
        }
        return chain;
    }
}
