using System;

namespace StaticNets.Runtime.Tests.Training;

/// <summary>
/// The update rules written out one scalar at a time in double, straight from their formulas, as the reference the
/// vectorised float optimizers are checked against.
/// </summary>
internal abstract class ScalarOptimizerRule(int count)
{
    protected int Count { get; } = count;

    public double LearningRate { get; set; }

    public abstract void Step(double[] w, ReadOnlySpan<float> dw);

    public static ScalarOptimizerRule Create(string name, int count, double learningRate) => name switch
    {
        "Sgd" => new SgdRule(count) { LearningRate = learningRate },
        "SgdMomentum" => new MomentumRule(count, 0.9) { LearningRate = learningRate },
        "Nesterov" => new NesterovRule(count, 0.9) { LearningRate = learningRate },
        "Adagrad" => new AdagradRule(count, 1e-8) { LearningRate = learningRate },
        "RmsProp" => new RmsPropRule(count, 0.99, 1e-8) { LearningRate = learningRate },
        "Adam" => new AdamRule(count, 0.9, 0.999, 1e-8) { LearningRate = learningRate },
        _ => throw new ArgumentException($"No rule named {name}.", nameof(name)),
    };

    private sealed class SgdRule(int count) : ScalarOptimizerRule(count)
    {
        public override void Step(double[] w, ReadOnlySpan<float> dw)
        {
            for (int i = 0; i < Count; i++)
            {
                w[i] -= LearningRate * dw[i];
            }
        }
    }

    private sealed class MomentumRule(int count, double rho) : ScalarOptimizerRule(count)
    {
        private readonly double[] _v = new double[count];

        public override void Step(double[] w, ReadOnlySpan<float> dw)
        {
            for (int i = 0; i < Count; i++)
            {
                _v[i] = rho * _v[i] + dw[i];
                w[i] -= LearningRate * _v[i];
            }
        }
    }

    private sealed class NesterovRule(int count, double mu) : ScalarOptimizerRule(count)
    {
        private readonly double[] _v = new double[count];

        public override void Step(double[] w, ReadOnlySpan<float> dw)
        {
            for (int i = 0; i < Count; i++)
            {
                double previous = _v[i];
                _v[i] = mu * _v[i] - LearningRate * dw[i];
                w[i] += -mu * previous + (1 + mu) * _v[i];
            }
        }
    }

    private sealed class AdagradRule(int count, double eps) : ScalarOptimizerRule(count)
    {
        private readonly double[] _cache = new double[count];

        public override void Step(double[] w, ReadOnlySpan<float> dw)
        {
            for (int i = 0; i < Count; i++)
            {
                _cache[i] += (double)dw[i] * dw[i];
                w[i] -= LearningRate * dw[i] / (Math.Sqrt(_cache[i]) + eps);
            }
        }
    }

    private sealed class RmsPropRule(int count, double decay, double eps) : ScalarOptimizerRule(count)
    {
        private readonly double[] _cache = new double[count];

        public override void Step(double[] w, ReadOnlySpan<float> dw)
        {
            for (int i = 0; i < Count; i++)
            {
                _cache[i] = decay * _cache[i] + (1 - decay) * dw[i] * dw[i];
                w[i] -= LearningRate * dw[i] / (Math.Sqrt(_cache[i]) + eps);
            }
        }
    }

    private sealed class AdamRule(int count, double beta1, double beta2, double eps) : ScalarOptimizerRule(count)
    {
        private readonly double[] _m = new double[count];
        private readonly double[] _v = new double[count];
        private int _t;

        public override void Step(double[] w, ReadOnlySpan<float> dw)
        {
            _t++;
            for (int i = 0; i < Count; i++)
            {
                _m[i] = beta1 * _m[i] + (1 - beta1) * dw[i];
                _v[i] = beta2 * _v[i] + (1 - beta2) * dw[i] * dw[i];
                double mHat = _m[i] / (1 - Math.Pow(beta1, _t));
                double vHat = _v[i] / (1 - Math.Pow(beta2, _t));
                w[i] -= LearningRate * mHat / (Math.Sqrt(vHat) + eps);
            }
        }
    }
}
