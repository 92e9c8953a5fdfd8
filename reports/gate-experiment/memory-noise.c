/*
 * Memory noise for gate experiments: reads and increments random words of an N MiB array,
 * forever, to stand in for a neighbour that fills the shared L3 cache and memory bus.
 *   cc -O2 -o /tmp/memory-noise reports/gate-experiment/memory-noise.c
 *   /tmp/memory-noise 64 & ...run a profile...; kill %1
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
    size_t words = (size_t) (argc > 1 ? atol(argv[1]) : 64) << 20 >> 3;
    uint64_t *array = malloc(words * sizeof *array);
    if (array == NULL) {
        perror("malloc");
        return 1;
    }
    for (size_t i = 0; i < words; i++) {
        array[i] = i;
    }
    uint64_t x = 88172645463325252ull, sum = 0;
    for (;;) {
        for (int k = 0; k < 1000000; k++) {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            sum += array[x % words]++;
        }
        if (sum == 42) {
            putchar('.'); /* keeps the loop from being optimised away */
        }
    }
}
