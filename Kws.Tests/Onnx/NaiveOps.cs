namespace Kws.Tests.Onnx;

/// <summary>A dense NCHW (or any-rank) tensor in doubles for the reference computations.</summary>
internal sealed record RefTensor(double[] Data, int[] Shape)
{
    public static RefTensor FromFloats(ReadOnlySpan<float> data, params int[] shape) =>
        new(data.ToArray().Select(f => (double)f).ToArray(), shape);

    public int this[int i] => Shape[i];
}

/// <summary>Direct, loop-by-loop implementations of the ONNX operators the tests use (opset 17 semantics).</summary>
internal static class NaiveOps
{
    public static RefTensor Conv(RefTensor x, float[] w, int[] wShape, float[]? b, int[] strides, int[] pads,
        int[] dilations, int group)
    {
        int n = x[0], c = x[1], h = x[2], wid = x[3];
        int m = wShape[0], cPerGroup = wShape[1], kh = wShape[2], kw = wShape[3];
        int oh = ((h + pads[0] + pads[2] - (dilations[0] * (kh - 1)) - 1) / strides[0]) + 1;
        int ow = ((wid + pads[1] + pads[3] - (dilations[1] * (kw - 1)) - 1) / strides[1]) + 1;
        var y = new double[n * m * oh * ow];
        int mPerGroup = m / group;
        for (int b0 = 0; b0 < n; b0++)
        for (int oc = 0; oc < m; oc++)
        {
            int g = oc / mPerGroup;
            for (int oy = 0; oy < oh; oy++)
            for (int ox = 0; ox < ow; ox++)
            {
                double sum = b?[oc] ?? 0;
                for (int ic = 0; ic < cPerGroup; ic++)
                for (int ky = 0; ky < kh; ky++)
                for (int kx = 0; kx < kw; kx++)
                {
                    int iy = (oy * strides[0]) - pads[0] + (ky * dilations[0]);
                    int ix = (ox * strides[1]) - pads[1] + (kx * dilations[1]);
                    if (iy < 0 || iy >= h || ix < 0 || ix >= wid)
                    {
                        continue;
                    }

                    int channel = (g * cPerGroup) + ic;
                    sum += x.Data[(((b0 * c) + channel) * h + iy) * wid + ix]
                           * w[(((oc * cPerGroup) + ic) * kh + ky) * kw + kx];
                }

                y[(((b0 * m) + oc) * oh + oy) * ow + ox] = sum;
            }
        }

        return new RefTensor(y, [n, m, oh, ow]);
    }

    public static RefTensor BatchNorm(RefTensor x, float[] scale, float[] bias, float[] mean, float[] variance, double epsilon)
    {
        int plane = x[2] * x[3];
        var y = new double[x.Data.Length];
        for (int i = 0; i < y.Length; i++)
        {
            int ch = i / plane % x[1];
            y[i] = (scale[ch] * (x.Data[i] - mean[ch]) / Math.Sqrt(variance[ch] + epsilon)) + bias[ch];
        }

        return x with { Data = y };
    }

    public static RefTensor Relu(RefTensor x) => x with { Data = x.Data.Select(v => Math.Max(v, 0)).ToArray() };

    public static RefTensor Pool(RefTensor x, int[] kernel, int[] strides, int[] pads, bool max)
    {
        int n = x[0], c = x[1], h = x[2], w = x[3];
        int oh = ((h + pads[0] + pads[2] - kernel[0]) / strides[0]) + 1;
        int ow = ((w + pads[1] + pads[3] - kernel[1]) / strides[1]) + 1;
        var y = new double[n * c * oh * ow];
        for (int p = 0; p < n * c; p++)
        for (int oy = 0; oy < oh; oy++)
        for (int ox = 0; ox < ow; ox++)
        {
            double acc = max ? double.NegativeInfinity : 0;
            int count = 0;
            for (int ky = 0; ky < kernel[0]; ky++)
            for (int kx = 0; kx < kernel[1]; kx++)
            {
                int iy = (oy * strides[0]) - pads[0] + ky, ix = (ox * strides[1]) - pads[1] + kx;
                if (iy < 0 || iy >= h || ix < 0 || ix >= w)
                {
                    continue;
                }

                double v = x.Data[((p * h) + iy) * w + ix];
                acc = max ? Math.Max(acc, v) : acc + v;
                count++;
            }

            y[((p * oh) + oy) * ow + ox] = max ? acc : acc / count;
        }

        return new RefTensor(y, [n, c, oh, ow]);
    }

    public static RefTensor GlobalAveragePool(RefTensor x)
    {
        int plane = x[2] * x[3];
        var y = new double[x[0] * x[1]];
        for (int p = 0; p < y.Length; p++)
        {
            y[p] = x.Data.AsSpan(p * plane, plane).ToArray().Average();
        }

        return new RefTensor(y, [x[0], x[1], 1, 1]);
    }

    public static RefTensor Flatten(RefTensor x) => x with { Shape = [x[0], x.Data.Length / x[0]] };

    /// <summary>y = a · wᵀ + bias, with w stored [outFeatures, inFeatures] (Gemm transB=1).</summary>
    public static RefTensor GemmTransB(RefTensor a, float[] w, float[] bias)
    {
        int rows = a[0], k = a[1], m = bias.Length;
        var y = new double[rows * m];
        for (int r = 0; r < rows; r++)
        for (int j = 0; j < m; j++)
        {
            double sum = bias[j];
            for (int i = 0; i < k; i++)
            {
                sum += a.Data[(r * k) + i] * w[(j * k) + i];
            }

            y[(r * m) + j] = sum;
        }

        return new RefTensor(y, [rows, m]);
    }

    /// <summary>y = a · w + bias, with w stored [k, m] (MatMul then Add).</summary>
    public static RefTensor MatMulAdd(RefTensor a, float[] w, float[] bias)
    {
        int rows = a[0], k = a[1], m = bias.Length;
        var y = new double[rows * m];
        for (int r = 0; r < rows; r++)
        for (int j = 0; j < m; j++)
        {
            double sum = 0;
            for (int i = 0; i < k; i++)
            {
                sum += a.Data[(r * k) + i] * w[(i * m) + j];
            }

            y[(r * m) + j] = sum + bias[j];
        }

        return new RefTensor(y, [rows, m]);
    }

    public static RefTensor SoftmaxLastAxis(RefTensor x)
    {
        int width = x.Shape[^1];
        var y = new double[x.Data.Length];
        for (int r = 0; r < y.Length / width; r++)
        {
            var row = x.Data.AsSpan(r * width, width);
            double max = double.NegativeInfinity;
            foreach (var v in row)
            {
                max = Math.Max(max, v);
            }

            double sum = 0;
            for (int i = 0; i < width; i++)
            {
                y[(r * width) + i] = Math.Exp(row[i] - max);
                sum += y[(r * width) + i];
            }

            for (int i = 0; i < width; i++)
            {
                y[(r * width) + i] /= sum;
            }
        }

        return x with { Data = y };
    }
}
