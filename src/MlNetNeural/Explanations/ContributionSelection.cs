using Microsoft.ML.Data;

namespace MlNetNeural.Explanations;

/// <summary>
/// Turns a row's contributions into the output vector the way ML.NET's feature-contribution transform does: keep the
/// <c>positive</c> largest positive and the <c>negative</c> most negative values (zeros are never kept), optionally divide
/// them by their largest absolute value, and write them as a vector of the full length with the kept slots in index order.
/// Reuses its buffers: no allocation per row once the destination has grown.
/// </summary>
internal sealed class ContributionSelection(int length, int positive, int negative, bool normalize)
{
    private readonly float[] _sortedValues = new float[length];
    private readonly int[] _sortedSlots = new int[length];
    private readonly int[] _kept = new int[length];

    /// <summary>Writes the selection of <paramref name="contributions"/> into <paramref name="destination"/>.</summary>
    public void Select(ReadOnlySpan<float> contributions, ref VBuffer<float> destination)
    {
        contributions.CopyTo(_sortedValues);
        for (int i = 0; i < length; i++) _sortedSlots[i] = i;
        Array.Sort(_sortedValues, _sortedSlots);

        int count = 0;
        for (int i = 0; i < length && i < negative && _sortedValues[i] < 0f; i++) _kept[count++] = _sortedSlots[i];
        for (int i = length - 1, taken = 0; i >= 0 && taken < positive && _sortedValues[i] > 0f; i--, taken++) _kept[count++] = _sortedSlots[i];
        Array.Sort(_kept, 0, count);

        float scale = 1f;
        if (normalize)
        {
            float largest = 0f;
            for (int k = 0; k < count; k++) largest = MathF.Max(largest, MathF.Abs(contributions[_kept[k]]));
            if (largest > 0f) scale = 1f / largest;
        }

        var editor = VBufferEditor.Create(ref destination, length, count, requireIndicesOnDense: true);
        for (int k = 0; k < count; k++)
        {
            editor.Indices[k] = _kept[k];
            editor.Values[k] = contributions[_kept[k]] * scale;
        }
        destination = editor.Commit();
    }
}
