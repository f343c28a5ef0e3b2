#!/usr/bin/env python3
"""Writes a deterministic CSV shaped like a government registry (kindergartens, say):
id, names in Kazakh and Russian, address, KATO code, "lat, lon" in one cell, capacity and
opening date. Usage: generate.py ROWS OUT.csv"""
import random
import sys

KK = ["Балдырған", "Айгөлек", "Қарлығаш", "Ақбота", "Күншуақ", "Балапан", "Еркетай", "Шаттық"]
RU = ["Солнышко", "Ромашка", "Колокольчик", "Берёзка", "Теремок", "Радуга", "Сказка", "Звёздочка"]
STREETS = ["Абая", "Сейфуллина", "Кенесары", "Республики", "Желтоксан", "Тауке хана", "Достык"]
CITIES = [("г. Астана", "710000000", 51.16, 71.43), ("г. Алматы", "750000000", 43.24, 76.89),
          ("г. Шымкент", "790000000", 42.32, 69.59), ("г. Караганда", "351010000", 49.80, 73.10),
          ("г. Актобе", "151010000", 50.28, 57.17), ("г. Павлодар", "551010000", 52.29, 76.97)]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(2025)
    with open(out, "w", encoding="utf-8", newline="") as f:
        f.write("id,name_kk,name_ru,address,kato,geo,capacity,opened\n")
        for i in range(1, rows + 1):
            city, kato, lat, lon = CITIES[rnd.randrange(len(CITIES))]
            n = rnd.randrange(len(KK))
            street = STREETS[rnd.randrange(len(STREETS))]
            f.write('%d,"№%d %s балабақшасы","Детский сад №%d «%s»","%s, ул. %s, %d",%s,"%.6f, %.6f",%d,%02d.%02d.%d\n' % (
                i, i % 500, KK[n], i % 500, RU[n], city, street, rnd.randrange(1, 300), kato,
                lat + rnd.uniform(-0.1, 0.1), lon + rnd.uniform(-0.1, 0.1), rnd.randrange(40, 400),
                rnd.randrange(1, 29), rnd.randrange(1, 13), rnd.randrange(1960, 2025)))


if __name__ == "__main__":
    main()
